/** Structured logs carry no personal data: no subject, issuer, IP, invite code, team name or token. */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../app';
import { BACKENDS, openTestDb, type TestDb } from '../testing/db';
import { HOOK_TIMEOUT_MS } from '../testing/harness';
import { startTestIssuer, type TestIssuer } from '../testing/issuer';

describe.each(BACKENDS)('logs (%s)', (backend) => {
  let testDb: TestDb;
  let issuer: TestIssuer;
  beforeAll(async () => {
    testDb = await openTestDb(backend);
    issuer = await startTestIssuer();
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await issuer.close();
    await testDb.dispose();
  }, HOOK_TIMEOUT_MS);

  it('contain routes, status codes and counts only', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = await buildServer({ db: testDb.db, auth: issuer.config, logger: true, logStream: stream });
    const subject = 'person-subject-f00d';
    const token = await issuer.sign(subject);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await app.inject({ method: 'POST', url: '/api/teams?email=someone@example.com', headers, payload: { name: 'Secret Team Name' } });
    const team = created.json();
    const joiner = await issuer.sign('joiner-subject-beef');
    await app.inject({ method: 'POST', url: '/api/teams/join', headers: { ...headers, authorization: `Bearer ${joiner}` }, payload: { inviteCode: team.inviteCode } });
    await app.inject({ method: 'GET', url: `/api/teams/${team.id}`, headers });
    await app.inject({ method: 'POST', url: '/api/teams', headers, payload: '{"name": "Broken Secret' });
    await app.inject({ method: 'POST', url: '/api/teams', headers, payload: { name: 123456789 } });
    await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${await issuer.sign(subject, { audience: 'x' })}` } });
    await app.inject({ method: 'DELETE', url: '/api/me', headers });
    await app.close();

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of [subject, 'joiner-subject-beef', issuer.issuer, '127.0.0.1', 'someone@example.com', 'Secret Team Name', 'Broken Secret', '123456789', team.inviteCode, token.slice(0, 40), team.id]) {
      expect(log, secret).not.toContain(secret);
    }
    expect(log).toContain('"route":"/api/teams/:id"');
    expect(log).toContain('"statusCode":401');
  });
});
