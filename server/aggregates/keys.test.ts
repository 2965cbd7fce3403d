import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateVerif } from '@cloudflare/privacypass-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../app';
import { BACKENDS, openTestDb, type TestDb } from '../testing/db';
import { captureLog, HOOK_TIMEOUT_MS } from '../testing/harness';
import { createKeyRing, loadOrCreateMasterSecret, parseMasterSecret, tokenChallenge } from './keys';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('token keys', () => {
  it('are derived deterministically per (team, day) from the master secret', () => {
    const secret = new Uint8Array(32).fill(3);
    const a = createKeyRing(secret);
    const b = createKeyRing(new Uint8Array(secret));
    expect(hex(a.key('team1', '2026-11-16').publicKey)).toBe(hex(b.key('team1', '2026-11-16').publicKey));
    expect(a.key('team1', '2026-11-16').publicKey).toHaveLength(49);
    const others = [a.key('team2', '2026-11-16'), a.key('team1', '2026-11-17'), createKeyRing(new Uint8Array(32).fill(4)).key('team1', '2026-11-16')];
    const all = new Set([hex(a.key('team1', '2026-11-16').publicKey), ...others.map((k) => hex(k.publicKey))]);
    expect(all.size).toBe(4);
    expect(() => createKeyRing(new Uint8Array(31))).toThrow();
  });

  it('parse TOKEN_MASTER_SECRET as hex or base64url of ≥ 32 bytes', () => {
    expect(parseMasterSecret('ab'.repeat(32))).toHaveLength(32);
    expect(parseMasterSecret(Buffer.alloc(48, 1).toString('base64url'))).toHaveLength(48);
    expect(() => parseMasterSecret('abcd')).toThrow(/at least 32 bytes/);
  });

  it('create a development secret once (mode 0600) and read it back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-secret-'));
    const file = join(dir, 'sub', 'token-master-secret');
    const first = loadOrCreateMasterSecret(file);
    expect(first).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(hex(loadOrCreateMasterSecret(file))).toBe(hex(first));
    expect(readFileSync(file, 'utf8').trim()).toBe(hex(first));
    rmSync(dir, { recursive: true, force: true });
  });
});

describe.each(BACKENDS)('anonymous upload logs (%s)', (backend) => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await openTestDb(backend);
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => testDb?.dispose(), HOOK_TIMEOUT_MS);

  it('carry no body, token, team, values or IP', async () => {
    const { stream, lines } = captureLog();
    const secret = new Uint8Array(32).fill(11);
    const now = new Date('2026-11-23T10:00:00Z');
    const app = await buildServer({ db: testDb.db, logger: true, logStream: stream, clock: () => now, aggregates: { masterSecret: secret } });
    const team = 'LogTeamAAAAAAAAAAAAAAA';
    await testDb.db.query(`INSERT INTO teams (id, name, invite_code, created_on) VALUES ($1, 'Log team', 'LogInviteAAAAAAAAAAAAA', '2026-11-01')`, [team]);
    await testDb.db.query(`INSERT INTO issuance_counts (team_id, day, people) VALUES ($1, '2026-11-20', 5)`, [team]);
    // A token made with the same key ring (no sign-in needed for this test).
    const key = createKeyRing(secret).key(team, '2026-11-20');
    const client = new privateVerif.Client();
    const request = await client.createTokenRequest(tokenChallenge(team, '2026-11-20'), key.publicKey);
    const token = Buffer.from((await client.finalize(await key.issuer.issue(request))).serialize()).toString('base64url');
    const body = { token, team, day: '2026-11-20', activeMinutes: 117, reps: 1987, movementPoints: 19876 };
    const post = (payload: unknown) =>
      app.inject({ method: 'POST', url: '/api/contributions', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.77' }, payload: JSON.stringify(payload) });
    expect((await post(body)).json()).toEqual({ counted: true, duplicate: false });
    expect((await post(body)).json()).toEqual({ counted: false, duplicate: true });
    expect((await post({ ...body, reps: 99_999 })).statusCode).toBe(400);
    expect((await post({ ...body, day: '2026-11-21' })).statusCode).toBe(403);
    await app.close();
    // Timing fields are random digits (a responseTime of 35.987… once matched "987"): leave them out.
    const log = lines
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const { time: _time, responseTime: _responseTime, pid: _pid, ...rest } = JSON.parse(line) as Record<string, unknown>;
        return JSON.stringify(rest);
      })
      .join('\n');
    // Anonymous routes are not logged per request at all.
    expect(log).not.toContain('/api/contributions');
    for (const secretValue of [token.slice(0, 30), team, '117', '1987', '19876', '99999"', ':99999', '127.0.0.1', '203.0.113.77', '2026-11-20']) {
      expect(log, secretValue).not.toContain(secretValue);
    }
  });
});
