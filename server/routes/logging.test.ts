/** Structured logs carry no personal data: no subject, issuer, IP, invite code, team name or token. */
import { describe, expect, it } from 'vitest';
import { buildServer } from '../app';
import { BACKENDS } from '../testing/db';
import { captureLog, useDbAndIssuer } from '../testing/harness';

describe.each(BACKENDS)('logs (%s)', (backend) => {
  const rig = useDbAndIssuer(backend);

  it('contain routes, status codes and counts only', async () => {
    const { stream, lines } = captureLog();
    const app = await buildServer({ db: rig.testDb.db, auth: rig.issuer.config, logger: true, logStream: stream });
    const subject = 'person-subject-f00d';
    const token = await rig.issuer.sign(subject);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await app.inject({ method: 'POST', url: '/api/teams?email=someone@example.com', headers, payload: { name: 'Secret Team Name' } });
    const team = created.json();
    const joiner = await rig.issuer.sign('joiner-subject-beef');
    await app.inject({ method: 'POST', url: '/api/teams/join', headers: { ...headers, authorization: `Bearer ${joiner}` }, payload: { inviteCode: team.inviteCode } });
    await app.inject({ method: 'GET', url: `/api/teams/${team.id}`, headers });
    await app.inject({ method: 'POST', url: '/api/teams', headers, payload: '{"name": "Broken Secret' });
    await app.inject({ method: 'POST', url: '/api/teams', headers, payload: { name: 123456789 } });
    await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${await rig.issuer.sign(subject, { audience: 'x' })}` } });
    await app.inject({ method: 'DELETE', url: '/api/me', headers });
    await app.close();

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of [subject, 'joiner-subject-beef', rig.issuer.issuer, '127.0.0.1', 'someone@example.com', 'Secret Team Name', 'Broken Secret', '123456789', team.inviteCode, token.slice(0, 40), team.id]) {
      expect(log, secret).not.toContain(secret);
    }
    expect(log).toContain('"route":"/api/teams/:id"');
    expect(log).toContain('"statusCode":401');
  });
});
