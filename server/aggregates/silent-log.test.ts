/** Anonymous routes are never logged per request, even with logging on (a line would time-stamp an upload). */
import { describe, expect, it } from 'vitest';
import { buildServer } from '../app';
import { BACKENDS } from '../testing/db';
import { captureLog, useDbAndIssuer } from '../testing/harness';

describe.each(BACKENDS)('anonymous routes and the log (%s)', (backend) => {
  const rig = useDbAndIssuer(backend);

  it('an upload, the key list and the endpoint metadata leave no log line; a signed-in call does', async () => {
    const { stream, lines } = captureLog();
    const app = await buildServer({ db: rig.testDb.db, auth: rig.issuer.config, logger: true, logStream: stream });
    const upload = { token: 'A'.repeat(195), team: 'T'.repeat(22), day: '2026-11-20', activeMinutes: 1, reps: 1, movementPoints: 1 };
    await app.inject({ method: 'POST', url: '/api/contributions', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(upload) });
    await app.inject({ method: 'POST', url: '/api/contributions', headers: { 'content-type': 'application/json' }, payload: '{"broken' });
    await app.inject({ method: 'GET', url: '/api/token-keys' });
    await app.inject({ method: 'GET', url: '/.well-known/microbreak-endpoint.json' });
    await app.inject({ method: 'GET', url: '/api/metadata' });
    expect(lines.join('')).toBe('');
    await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${await rig.issuer.sign('someone')}` } });
    await app.close();
    const log = lines.join('');
    expect(log).toContain('/api/me');
    for (const path of ['/api/contributions', '/api/token-keys', 'microbreak-endpoint', '/api/metadata']) expect(log).not.toContain(path);
  });
});
