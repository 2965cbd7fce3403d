/**
 * The development sign-in end to end without a browser: authorization code + PKCE through the
 * login form, consent, token exchange with CORS, refresh, and the API accepting (and refusing)
 * its real tokens.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { base64url, createLocalJWKSet, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../app';
import { createTokenVerifier } from '../auth/verify';
import type { FastifyInstance } from 'fastify';
import { devAuthConfig, startDevSignIn, type SignInSetup } from '../sign-in-setup';
import { openTestDb, type TestDb } from '../testing/db';
import { HOOK_TIMEOUT_MS } from '../testing/harness';
import { loadConfig } from '../config';

const APP = 'http://localhost:5173';
const REDIRECT_URI = `${APP}/redirect.html`;

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

class Browserish {
  cookies = new Map<string, string>();
  constructor(private ca: string) {}
  send(url: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Reply> {
    const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: init.method ?? (body ? 'POST' : 'GET'),
          ca: this.ca,
          agent: false,
          headers: {
            cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
            ...init.headers,
          },
        },
        (res) => {
          for (const line of res.headers['set-cookie'] ?? []) {
            const [pair] = line.split(';');
            const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
            if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
            else this.cookies.set(name, value);
          }
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
  /** Follows redirects on the provider; stops at the first one that leaves it. */
  async follow(url: string, issuer: string, init?: Parameters<Browserish['send']>[1]): Promise<{ reply: Reply; url: string }> {
    let reply = await this.send(url, init);
    let current = url;
    while (reply.status >= 300 && reply.status < 400) {
      current = new URL(reply.headers.location as string, current).href;
      if (!current.startsWith(issuer)) break;
      reply = await this.send(current);
    }
    return { reply, url: current };
  }
}

interface Tokens { access_token: string; id_token: string; refresh_token?: string; scope: string; expires_in: number }

async function signIn(setup: SignInSetup, username: string, options: { remember?: boolean } = {}) {
  const idp = setup.devIdp!;
  const browser = new Browserish(idp.cert);
  const verifier = base64url.encode(randomBytes(32));
  const challenge = base64url.encode(createHash('sha256').update(verifier).digest());
  const auth = new URL(`${idp.issuer}/auth`);
  for (const [k, v] of Object.entries({
    client_id: idp.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    response_mode: 'fragment',
    scope: 'teams openid profile offline_access',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'st',
    nonce: 'nn',
    prompt: 'consent',
    domain_hint: 'Google',
  })) auth.searchParams.set(k, v);
  const login = await browser.follow(auth.href, idp.issuer);
  expect(login.reply.status).toBe(200);
  expect(login.reply.body).toContain('Development sign-in');
  expect(login.reply.body).toContain('Google');
  const action = /<form method="post" action="([^"]+\/login)"/.exec(login.reply.body)![1];
  const done = await browser.follow(new URL(action, idp.issuer).href, idp.issuer, {
    form: { username, ...(options.remember ? { remember: '1' } : {}) },
  });
  expect(done.url.startsWith(REDIRECT_URI)).toBe(true);
  const fragment = new URLSearchParams(new URL(done.url).hash.slice(1));
  expect(fragment.get('state')).toBe('st');
  const code = fragment.get('code')!;
  const token = await browser.send(`${idp.issuer}/token`, {
    form: { grant_type: 'authorization_code', client_id: idp.clientId, code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
    headers: { origin: APP },
  });
  expect(token.status, token.body).toBe(200);
  expect(token.headers['access-control-allow-origin']).toBe(APP);
  return { browser, tokens: JSON.parse(token.body) as Tokens };
}

describe('development sign-in', () => {
  let setup: SignInSetup;
  let testDb: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    setup = await startDevSignIn({ port: 0, stateDir: null }, () => new Date());
    testDb = await openTestDb('pglite');
    app = await buildServer({ db: testDb.db, auth: setup.auth, clientConfig: setup.clientConfig });
    await app.ready();
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await testDb?.dispose();
    await setup?.devIdp?.close();
  }, HOOK_TIMEOUT_MS);

  const me = (token: string) => app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });

  it('issues JWT access tokens for the API audience with the teams scope, an ID token with preferred_username, and a refresh token', async () => {
    const idp = setup.devIdp!;
    const { tokens } = await signIn(setup, 'alice');
    const access = decodeJwt(tokens.access_token);
    expect(access).toMatchObject({ iss: idp.issuer, aud: idp.audience, sub: 'dev-user-alice', scope: 'teams', client_id: idp.clientId });
    const id = decodeJwt(tokens.id_token);
    expect(id).toMatchObject({ iss: idp.issuer, aud: idp.clientId, sub: 'dev-user-alice', preferred_username: 'alice@dev.localhost', nonce: 'nn' });
    expect(id.signin_state).toBeUndefined();
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect((await me(tokens.access_token)).json()).toEqual({ teams: [] });
  });

  it('"Keep me signed in" marks the ID token as kmsi (MSAL then keeps the tokens across restarts)', async () => {
    const { tokens } = await signIn(setup, 'bob', { remember: true });
    expect(decodeJwt(tokens.id_token).signin_state).toEqual(['kmsi']);
  });

  it('renews silently with the refresh token, with MSAL\'s default scopes', async () => {
    const idp = setup.devIdp!;
    const { browser, tokens } = await signIn(setup, 'alice');
    const refreshed = await browser.send(`${idp.issuer}/token`, {
      form: { grant_type: 'refresh_token', client_id: idp.clientId, refresh_token: tokens.refresh_token!, scope: 'teams openid profile offline_access' },
      headers: { origin: APP },
    });
    expect(refreshed.status, refreshed.body).toBe(200);
    const next = JSON.parse(refreshed.body) as Tokens;
    expect(next.access_token).not.toBe(tokens.access_token);
    expect(decodeJwt(next.access_token)).toMatchObject({ aud: idp.audience, scope: 'teams' });
    expect((await me(next.access_token)).statusCode).toBe(200);
  });

  it('the API refuses its tokens when forged, expired or for another audience, with a clear body', async () => {
    const idp = setup.devIdp!;
    const { tokens } = await signIn(setup, 'carol');
    const [header, payload, signature] = tokens.access_token.split('.');
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload)));
    const forged = `${header}.${base64url.encode(JSON.stringify({ ...claims, sub: 'dev-user-alice' }))}.${signature}`;
    const forgedReply = await me(forged);
    expect(forgedReply.statusCode).toBe(401);
    expect(forgedReply.json()).toEqual({ error: 'invalid-token', message: 'The access token signature is not valid.' });

    const keys = createLocalJWKSet(idp.jwks);
    const later = createTokenVerifier(devAuthConfig(idp), () => new Date(Date.now() + 3600_000), keys);
    await expect(later(tokens.access_token)).rejects.toMatchObject({ statusCode: 401, error: 'token-expired' });

    const otherApi = await buildServer({ db: testDb.db, auth: createTokenVerifier({ ...devAuthConfig(idp), audience: 'api://someone-else' }, () => new Date(), keys) });
    const wrongAudience = await otherApi.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(wrongAudience.statusCode).toBe(401);
    expect(wrongAudience.json()).toEqual({ error: 'invalid-token', message: 'The access token is for another audience.' });
    await otherApi.close();
  });

  it('serves the client configuration: OIDC mode with inlined metadata, providers with domain hints, labelled as development', async () => {
    const idp = setup.devIdp!;
    const reply = await app.inject({ method: 'GET', url: '/api/client-config' });
    expect(reply.statusCode).toBe(200);
    const { signIn: config } = reply.json();
    expect(config).toMatchObject({
      clientId: idp.clientId,
      authority: idp.issuer,
      protocolMode: 'OIDC',
      scopes: ['teams'],
      redirectPath: '/redirect.html',
      loginPrompt: 'consent',
      isDevSignIn: true,
      providers: [{ id: 'microsoft', domainHint: null }, { id: 'apple', domainHint: 'Apple' }, { id: 'google', domainHint: 'Google' }],
    });
    expect(JSON.parse(config.authorityMetadata)).toMatchObject({ issuer: idp.issuer, token_endpoint: `${idp.issuer}/token` });
    expect(config.connectOrigins).toBeUndefined();
    expect(reply.headers['content-security-policy']).toContain(`connect-src 'self' ${idp.issuer}`);
  });

  it('keeps keys, certificate, sessions and refresh tokens in a state folder across a restart', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'dev-idp-state-'));
    try {
      const first = await startDevSignIn({ port: 0, stateDir: dir }, () => new Date());
      const { tokens } = await signIn(first, 'alice');
      const kid = first.devIdp!.jwks.keys[0].kid;
      await first.devIdp!.close();
      const second = await startDevSignIn({ port: Number(new URL(first.devIdp!.issuer).port), stateDir: dir }, () => new Date());
      try {
        expect(second.devIdp!.jwks.keys[0].kid).toBe(kid);
        expect(second.devIdp!.cert).toBe(first.devIdp!.cert);
        const refreshed = await new Browserish(second.devIdp!.cert).send(`${second.devIdp!.issuer}/token`, {
          form: { grant_type: 'refresh_token', client_id: second.devIdp!.clientId, refresh_token: tokens.refresh_token!, scope: 'teams openid profile offline_access' },
        });
        expect(refreshed.status, refreshed.body).toBe(200);
      } finally {
        await second.devIdp!.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is what `npm start` configures when no OIDC_ISSUER is set, unless DEV_SIGN_IN=off', () => {
    expect(loadConfig({}).signIn).toEqual({ kind: 'dev', port: 8443, stateDir: './data/dev-idp', accessTokenTtlSeconds: 600 });
    expect(loadConfig({ DEV_SIGN_IN: 'off' }).signIn).toEqual({ kind: 'none' });
  });
});
