/**
 * Abuse limits: 429 with Retry-After per connection address and per person (shared across two
 * servers through Redis), strict bodies (duplicate keys, unknown properties), and token issuance
 * that refuses before any cryptography.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/calendar';
import { ISSUE_DAYS, MIN_CONTRIBUTORS } from '../../src/core/aggregates';
import { buildServer } from '../app';
import { DEFAULT_RATE_LIMIT } from '../config';
import { captureLog, HOOK_TIMEOUT_MS, newSubject, useApi, useDbAndIssuer } from '../testing/harness';
import { inlineTokenCrypto, type TokenCrypto } from '../aggregates/verify-pool';
import { getTokens } from '../testing/privacy-pass';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const json = { 'content-type': 'application/json' };

describe('rate limits', () => {
  const rig = useDbAndIssuer('pglite');

  it('per connection address on anonymous routes: 429 with Retry-After, the address in no log line', async () => {
    const log = captureLog();
    const app = await buildServer({ db: rig.testDb.db, rateLimit: { ...DEFAULT_RATE_LIMIT, perAddressPerMinute: 3 }, logger: true, logStream: log.stream });
    try {
      const from = (remoteAddress: string) => app.inject({ method: 'GET', url: '/api/metadata', remoteAddress });
      for (let i = 0; i < 3; i++) expect((await from('198.51.100.7')).statusCode).toBe(200);
      const refused = await from('198.51.100.7');
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(refused.json()).toMatchObject({ error: 'rate-limited' });
      // Another address is counted apart; the anonymous upload route is limited too.
      expect((await from('203.0.113.9')).statusCode).toBe(200);
      const upload = await app.inject({ method: 'POST', url: '/api/contributions', remoteAddress: '198.51.100.7', headers: json, payload: '{}' });
      expect(upload.statusCode).toBe(429);
      expect(log.lines.join('')).not.toContain('198.51.100.7');
    } finally {
      await app.close();
    }
  });

  it('trying invite codes per address: a few an hour from one address, whoever is signed in', async () => {
    const app = await buildServer({ db: rig.testDb.db, auth: rig.issuer.config, rateLimit: { ...DEFAULT_RATE_LIMIT, joinPerAddressPerHour: 3 } });
    try {
      const tryCode = async (remoteAddress: string, url = '/api/teams/join') =>
        app.inject({
          method: 'POST',
          url,
          remoteAddress,
          headers: { ...json, authorization: `Bearer ${await rig.issuer.sign(newSubject('many-accounts'))}` },
          payload: { inviteCode: 'K7QF-9M2X-TR4D' },
        });
      for (let i = 0; i < 3; i++) expect((await tryCode('198.51.100.8', i ? '/api/teams/join' : '/api/teams/join/preview')).statusCode).toBe(404);
      const refused = await tryCode('198.51.100.8');
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);
      expect((await tryCode('203.0.113.10')).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('per person across two servers sharing Redis (a fresh person is not affected)', async () => {
    const namespaceProbe = new Redis(REDIS_URL);
    const config = { ...DEFAULT_RATE_LIMIT, perPersonPerMinute: 4, redisUrl: REDIS_URL };
    const secret = new Uint8Array(randomBytes(32));
    const a = await buildServer({ db: rig.testDb.db, auth: rig.issuer.config, rateLimit: config, aggregates: { masterSecret: secret } });
    const b = await buildServer({ db: rig.testDb.db, auth: rig.issuer.config, rateLimit: config, aggregates: { masterSecret: secret } });
    try {
      const subject = newSubject('limited');
      const me = async (app: typeof a, who = subject) =>
        app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${await rig.issuer.sign(who)}` } });
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await me(i % 2 === 0 ? a : b)).statusCode);
      expect(codes).toEqual([200, 200, 200, 200]);
      const refused = await me(b);
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await me(a)).statusCode).toBe(429);
      expect((await me(a, newSubject('other'))).statusCode).toBe(200);
      // What Redis holds is an HMAC of the person, never the subject itself.
      const stored = await namespaceProbe.keys('microbreak-rl-person-*');
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.join(' ')).not.toContain(subject);
    } finally {
      await a.close();
      await b.close();
      namespaceProbe.disconnect();
    }
  }, HOOK_TIMEOUT_MS);
});

describe('strict bodies', () => {
  const h = useApi('pglite');

  it('refuses duplicate keys with a clear error, on signed-in and anonymous routes', async () => {
    const teams = await h.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { ...json, authorization: `Bearer ${await h.issuer.sign(newSubject())}` },
      payload: '{"name":"A","name":"B"}',
    });
    expect(teams.statusCode).toBe(400);
    expect(teams.json()).toMatchObject({ error: 'duplicate-key' });
    expect(teams.json().message).toContain('"name" appears twice');
    const upload = await h.app.inject({
      method: 'POST',
      url: '/api/contributions',
      headers: json,
      payload: '{"token":"x","team":"t","day":"2026-11-20","activeMinutes":1,"reps":1,"reps":900,"movementPoints":1}',
    });
    expect(upload.statusCode).toBe(400);
    expect(upload.json()).toMatchObject({ error: 'duplicate-key' });
  });

  it('refuses unknown properties instead of stripping them', async () => {
    const response = await h.as(newSubject(), 'POST', '/api/teams', { name: 'Team', owner: 'someone else' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid-request' });
    expect(response.json().message).toMatch(/additional properties/);
    const tokens = await h.as(newSubject(), 'POST', '/api/tokens', { requests: [], extra: 1 });
    expect(tokens.statusCode).toBe(400);
  });
});

describe('token issuance refuses before any cryptography', () => {
  let calls = 0;
  const counting: TokenCrypto = (() => {
    const inner = inlineTokenCrypto();
    return {
      threads: 0,
      verify: inner.verify,
      issue: (...args) => {
        calls += 1;
        return inner.issue(...args);
      },
      close: inner.close,
    };
  })();
  const h = useApi('pglite', { tokenCrypto: counting });

  it('700 copies of one item are refused whole, with no evaluation', async () => {
    const subject = newSubject();
    const team = (await h.as(subject, 'POST', '/api/teams', { name: 'Copies' })).json() as { id: string };
    const today = new Date().toISOString().slice(0, 10);
    const item = { team: team.id, day: today, request: 'A'.repeat(70) };
    calls = 0;
    const response = await h.as(subject, 'POST', '/api/tokens', { requests: Array.from({ length: 700 }, () => item) });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'duplicate-item' });
    expect(calls).toBe(0);
  });

  it('items for other teams, days out of range or already issued cost no evaluation', async () => {
    const subject = newSubject();
    const created = (await h.as(subject, 'POST', '/api/teams', { name: 'Quota' })).json() as { id: string; inviteCode: string };
    const team = { id: created.id };
    // Tokens exist only for teams of at least MIN_CONTRIBUTORS members.
    for (let i = 1; i < MIN_CONTRIBUTORS; i++) {
      expect((await h.as(newSubject(), 'POST', '/api/teams/join', { inviteCode: created.inviteCode })).statusCode).toBe(200);
    }
    const today = new Date().toISOString().slice(0, 10);
    // An earlier batch took every day of the window (real issuance: the person's markers are set).
    const first = await getTokens(h, subject, Array.from({ length: ISSUE_DAYS }, (_, i) => ({ team: team.id, day: addDays(today, i) })));
    expect(first.issued).toHaveLength(ISSUE_DAYS);
    calls = 0;
    const requests = [
      ...Array.from({ length: ISSUE_DAYS }, (_, i) => ({ team: team.id, day: addDays(today, i), request: 'A'.repeat(70) })),
      { team: 'B'.repeat(22), day: today, request: 'A'.repeat(70) },
      { team: team.id, day: addDays(today, 30), request: 'A'.repeat(70) },
    ];
    const response = await h.as(subject, 'POST', '/api/tokens', { requests });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { issued: unknown[]; refused: Array<{ error: string }> };
    expect(body.issued).toEqual([]);
    expect(body.refused.map((r) => r.error).sort()).toEqual([...Array(ISSUE_DAYS).fill('already-issued'), 'day-out-of-range', 'not-a-member'].sort());
    expect(calls).toBe(0);
  });
});
