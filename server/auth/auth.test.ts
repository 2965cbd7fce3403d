import { SignJWT, base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../app';
import { BACKENDS } from '../testing/db';
import { HOOK_TIMEOUT_MS, newSubject, useApi, useDbAndIssuer } from '../testing/harness';
import { TEST_AUDIENCE } from '../testing/issuer';
import { createTokenVerifier } from './verify';

function expectRefusal(response: { statusCode: number; body: string; headers: Record<string, unknown> }, status: number, error: string) {
  expect(response.statusCode).toBe(status);
  const body = JSON.parse(response.body) as { error: string; message: string };
  expect(body.error).toBe(error);
  expect(typeof body.message).toBe('string');
  expect(body.message.length).toBeGreaterThan(5);
  expect(response.body).not.toMatch(/\bat .*\.(ts|js):\d+|stack/i);
  return body;
}

describe.each(BACKENDS)('access tokens (%s)', (backend) => {
  const h = useApi(backend);
  const get = (authorization?: string) =>
    h.app.inject({ method: 'GET', url: '/api/me', headers: authorization === undefined ? {} : { authorization } });

  it('accepts a valid token (RS256, ES256, PS256)', async () => {
    for (const alg of ['RS256', 'ES256', 'PS256'] as const) {
      const response = await get(`Bearer ${await h.issuer.sign(newSubject(), { alg })}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ teams: [] });
    }
  });

  it('401 without a token', async () => {
    const response = await get();
    expectRefusal(response, 401, 'missing-token');
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it('401 for a malformed Authorization header or token', async () => {
    expectRefusal(await get('Basic dXNlcjpwYXNz'), 401, 'invalid-token');
    expectRefusal(await get('Bearer not-a-jwt'), 401, 'invalid-token');
    expectRefusal(await get('Bearer a.b.c'), 401, 'invalid-token');
    expectRefusal(await get('Bearer '), 401, 'invalid-token');
  });

  it('401 for an expired token (beyond the 30 s tolerance), accepted within it', async () => {
    const body = expectRefusal(await get(`Bearer ${await h.issuer.sign(newSubject(), { expiresIn: -120 })}`), 401, 'token-expired');
    expect(body.message).toMatch(/expired/);
    expect((await get(`Bearer ${await h.issuer.sign(newSubject(), { expiresIn: -10 })}`)).statusCode).toBe(200);
  });

  it('401 for a forged token (signed by another key, known or unknown kid)', async () => {
    const sameKid = await h.issuer.sign(newSubject(), { key: h.issuer.otherKeys.RS256 });
    expect(expectRefusal(await get(`Bearer ${sameKid}`), 401, 'invalid-token').message).toMatch(/signature/);
    const unknownKid = await h.issuer.sign(newSubject(), { key: h.issuer.otherKeys.ES256, alg: 'ES256', kid: 'attacker' });
    expect(expectRefusal(await get(`Bearer ${unknownKid}`), 401, 'invalid-token').message).toMatch(/unknown key/);
  });

  it('401 for a token with a tampered payload', async () => {
    const [header, , signature] = (await h.issuer.sign(newSubject())).split('.');
    const payload = base64url.encode(JSON.stringify({ sub: 'admin', iss: h.issuer.issuer, aud: TEST_AUDIENCE, scp: 'teams', exp: 9999999999 }));
    expectRefusal(await get(`Bearer ${header}.${payload}.${signature}`), 401, 'invalid-token');
  });

  it('401 for the wrong audience', async () => {
    const body = expectRefusal(await get(`Bearer ${await h.issuer.sign(newSubject(), { audience: 'api://someone-else' })}`), 401, 'invalid-token');
    expect(body.message).toMatch(/audience/);
  });

  it('401 for the wrong issuer', async () => {
    const body = expectRefusal(await get(`Bearer ${await h.issuer.sign(newSubject(), { issuer: 'https://evil.example' })}`), 401, 'invalid-token');
    expect(body.message).toMatch(/issuer/);
  });

  it('401 when the required scope is missing (scp or scope)', async () => {
    const none = await h.issuer.sign(newSubject(), { scope: null });
    const other = await h.issuer.sign(newSubject(), { scope: 'openid profile' });
    expect(expectRefusal(await get(`Bearer ${none}`), 401, 'insufficient-scope').message).toMatch(/"teams"/);
    const response = await get(`Bearer ${other}`);
    expectRefusal(response, 401, 'insufficient-scope');
    expect(response.headers['www-authenticate']).toContain('insufficient_scope');
    // `scope` (OAuth) instead of `scp` (Entra) is accepted too, as a string or array.
    const viaScope = await h.issuer.sign(newSubject(), { scope: null, claims: { scope: 'openid teams' } });
    expect((await get(`Bearer ${viaScope}`)).statusCode).toBe(200);
    const viaArray = await h.issuer.sign(newSubject(), { scope: null, claims: { scp: ['teams'] } });
    expect((await get(`Bearer ${viaArray}`)).statusCode).toBe(200);
  });

  it('401 for alg "none" and for HS256 keyed with public material', async () => {
    const enc = (value: object) => base64url.encode(JSON.stringify(value));
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: newSubject(), iss: h.issuer.issuer, aud: TEST_AUDIENCE, scp: 'teams', iat: now, exp: now + 600 };
    const none = `${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims)}.`;
    expect(expectRefusal(await get(`Bearer ${none}`), 401, 'invalid-token').message).toMatch(/algorithm|malformed/);
    const hs = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: 'rs' }).sign(new TextEncoder().encode('public-material'));
    expect(expectRefusal(await get(`Bearer ${hs}`), 401, 'invalid-token').message).toMatch(/algorithm/);
  });

  it('401 for a token without exp or without a subject', async () => {
    const now = Math.floor(Date.now() / 1000);
    const noExp = await new SignJWT({ scp: 'teams' })
      .setProtectedHeader({ alg: 'ES256', kid: 'es' })
      .setIssuer(h.issuer.issuer)
      .setAudience(TEST_AUDIENCE)
      .setSubject('x')
      .setIssuedAt(now)
      .sign(h.issuer.otherKeys.ES256);
    expectRefusal(await get(`Bearer ${noExp}`), 401, 'invalid-token');
    expectRefusal(await get(`Bearer ${await h.issuer.sign('')}`), 401, 'invalid-token');
  });

  it('keys users on issuer + (oid ?? sub)', async () => {
    const oid = newSubject('oid');
    const a = await h.issuer.sign(newSubject('pairwise-a'), { claims: { oid } });
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { authorization: `Bearer ${a}`, 'content-type': 'application/json' },
      payload: { name: 'Oid team' },
    });
    expect(created.statusCode).toBe(201);
    const b = await h.issuer.sign(newSubject('pairwise-b'), { claims: { oid } });
    const me = await get(`Bearer ${b}`);
    expect(me.json().teams.map((t: { name: string }) => t.name)).toEqual(['Oid team']);
    const stored = await h.testDb.db.query<{ issuer: string; subject: string }>('SELECT issuer, subject FROM people WHERE subject = $1', [oid]);
    expect(stored).toEqual([{ issuer: h.issuer.issuer, subject: oid }]);
  });

  it('metadata needs no token', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/metadata' });
    expect(response.statusCode).toBe(200);
  });
});

describe.each(BACKENDS)('sign-in configuration (%s)', (backend) => {
  const rig = useDbAndIssuer(backend);

  it('without an rig.issuer, guarded routes answer 503 auth-not-configured and metadata still works', async () => {
    const app = await buildServer({ db: rig.testDb.db, auth: null });
    for (const [method, url] of [['GET', '/api/me'], ['DELETE', '/api/me'], ['POST', '/api/teams'], ['GET', '/api/teams/AAAAAAAAAAAAAAAAAAAAAA']] as const) {
      const response = await app.inject({ method, url });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ error: 'auth-not-configured', message: expect.any(String) });
    }
    expect((await app.inject({ method: 'GET', url: '/.well-known/microbreak-endpoint.json' })).statusCode).toBe(200);
    await app.close();
  });

  it('finds the JWKS through OpenID discovery when no JWKS URI is configured', async () => {
    const app = await buildServer({ db: rig.testDb.db, auth: { ...rig.issuer.config, jwksUri: null } });
    const response = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${await rig.issuer.sign(newSubject())}` } });
    expect(response.statusCode).toBe(200);
    await app.close();
  });

  it('503 auth-unavailable (not 401, not 500) when the key set cannot be fetched', async () => {
    const app = await buildServer({ db: rig.testDb.db, auth: { ...rig.issuer.config, jwksUri: 'http://127.0.0.1:9/jwks.json' } });
    const response = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${await rig.issuer.sign(newSubject())}` } });
    expect(response.statusCode).toBe(503);
    expect(response.json().error).toBe('auth-unavailable');
    await app.close();
  });

  it('uses the injected clock for expiry', async () => {
    const verify = createTokenVerifier(rig.issuer.config, () => new Date(Date.now() + 3600_000));
    await expect(verify(await rig.issuer.sign('s', { expiresIn: 600 }))).rejects.toMatchObject({ statusCode: 401, error: 'token-expired' });
    const past = createTokenVerifier(rig.issuer.config, () => new Date(Date.now() - 3600_000));
    await expect(past(await rig.issuer.sign('s'))).rejects.toMatchObject({ statusCode: 401 });
  });

  it('with a tenant allow-list, accepts only work accounts of the listed tenants (tid claim)', async () => {
    const allowed = '11111111-2222-3333-4444-555555555555';
    const verify = createTokenVerifier({ ...rig.issuer.config, allowedTenants: [allowed] }, () => new Date());
    await expect(verify(await rig.issuer.sign('work', { claims: { tid: allowed } }))).resolves.toMatchObject({ subject: 'work' });
    await expect(verify(await rig.issuer.sign('other', { claims: { tid: '99999999-2222-3333-4444-555555555555' } }))).rejects.toMatchObject({
      statusCode: 403,
      error: 'tenant-not-allowed',
    });
    // A personal account (no tid) is refused too.
    await expect(verify(await rig.issuer.sign('personal'))).rejects.toMatchObject({ statusCode: 403, error: 'tenant-not-allowed' });
    const app = await buildServer({ db: rig.testDb.db, auth: verify });
    const response = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${await rig.issuer.sign('personal')}` } });
    expectRefusal(response, 403, 'tenant-not-allowed');
    await app.close();
  });
});
