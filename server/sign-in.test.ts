/** Sign-in settings from the environment, the client configuration and the headers around them. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';
import { ConfigError, loadConfig } from './config';
import { contentSecurityPolicy } from './security-headers';
import { tenantClientConfig } from './sign-in';
import { setUpSignIn } from './sign-in-setup';

const TENANT = {
  OIDC_ISSUER: 'https://11111111-2222-3333-4444-555555555555.ciamlogin.com/11111111-2222-3333-4444-555555555555/v2.0',
  OIDC_AUDIENCE: '66666666-7777-8888-9999-000000000000',
  SIGN_IN_CLIENT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  SIGN_IN_AUTHORITY: 'https://contoso.ciamlogin.com/',
};

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  return '';
}

describe('sign-in settings', () => {
  it('a real tenant: client id, authority, API scope derived from the audience, default providers', () => {
    const { signIn } = loadConfig(TENANT);
    expect(signIn).toEqual({
      kind: 'tenant',
      client: {
        clientId: TENANT.SIGN_IN_CLIENT_ID,
        authority: TENANT.SIGN_IN_AUTHORITY,
        knownAuthorities: ['contoso.ciamlogin.com'],
        protocolMode: 'AAD',
        scopes: [`api://${TENANT.OIDC_AUDIENCE}/teams`],
        providers: [
          { id: 'microsoft', domainHint: null },
          { id: 'apple', domainHint: 'Apple' },
          { id: 'google', domainHint: 'Google' },
        ],
        connectOrigins: [],
      },
    });
  });

  it('reads explicit scopes, providers with hints, known authorities and extra CSP origins', () => {
    const { signIn } = loadConfig({
      ...TENANT,
      SIGN_IN_SCOPES: 'api://microbreak/teams',
      SIGN_IN_PROVIDERS: 'google=Google, microsoft=contoso.com',
      SIGN_IN_KNOWN_AUTHORITIES: 'contoso.ciamlogin.com,login.contoso.com',
      SIGN_IN_CONNECT_ORIGINS: 'https://login.microsoftonline.com',
      SIGN_IN_PROTOCOL_MODE: 'OIDC',
    });
    expect(signIn.kind === 'tenant' && signIn.client).toMatchObject({
      scopes: ['api://microbreak/teams'],
      providers: [{ id: 'google', domainHint: 'Google' }, { id: 'microsoft', domainHint: 'contoso.com' }],
      knownAuthorities: ['contoso.ciamlogin.com', 'login.contoso.com'],
      connectOrigins: ['https://login.microsoftonline.com'],
      protocolMode: 'OIDC',
    });
  });

  it('an issuer without SIGN_IN_CLIENT_ID verifies tokens but offers no sign-in', async () => {
    const config = loadConfig({ OIDC_ISSUER: TENANT.OIDC_ISSUER, OIDC_AUDIENCE: TENANT.OIDC_AUDIENCE });
    expect(config.signIn).toEqual({ kind: 'tenant', client: null });
    const setup = await setUpSignIn(config.signIn, config.auth, () => new Date());
    expect(setup.clientConfig).toEqual({ signIn: null });
    expect(setup.auth).toBe(config.auth);
    expect(setup.summary).toContain('SIGN_IN_CLIENT_ID');
  });

  it('reports every sign-in problem at once', () => {
    const problems = problemsOf({
      ...TENANT,
      SIGN_IN_AUTHORITY: 'http://contoso.ciamlogin.com/',
      SIGN_IN_PROVIDERS: 'facebook,google=Goo gle,google',
      SIGN_IN_PROTOCOL_MODE: 'B2C',
      SIGN_IN_CONNECT_ORIGINS: 'http://insecure.example,https://x.example/path',
      DEV_SIGN_IN: 'on',
    });
    for (const text of ['SIGN_IN_AUTHORITY', '"facebook"', 'domain hint of "google"', 'SIGN_IN_PROTOCOL_MODE', '"http://insecure.example"', '"https://x.example/path"', 'DEV_SIGN_IN=on']) {
      expect(problems).toContain(text);
    }
    expect(problemsOf({ SIGN_IN_CLIENT_ID: 'x' })).toContain('SIGN_IN_CLIENT_ID is set but OIDC_ISSUER is not');
    expect(problemsOf({ DEV_SIGN_IN: 'maybe' })).toContain('DEV_SIGN_IN must be "on" or "off"');
    expect(problemsOf({ DEV_IDP_ACCESS_TOKEN_TTL_S: '5' })).toContain('DEV_IDP_ACCESS_TOKEN_TTL_S');
  });

  it('the tenant client configuration allows the authority in connect-src and is not a dev sign-in', () => {
    const { signIn } = loadConfig({ ...TENANT, SIGN_IN_CONNECT_ORIGINS: 'https://login.microsoftonline.com' });
    const client = tenantClientConfig((signIn as { client: NonNullable<Parameters<typeof tenantClientConfig>[0]> }).client);
    expect(client).toMatchObject({ isDevSignIn: false, loginPrompt: null, authorityMetadata: null, redirectPath: '/redirect.html' });
    expect(client.connectOrigins).toEqual(['https://contoso.ciamlogin.com', 'https://login.microsoftonline.com']);
  });
});

describe('security headers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'microbreak-headers-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(dir, 'redirect.html'), '<!doctype html><title>bridge</title>');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a strict CSP without inline script, with what the pose engine needs', () => {
    const csp = contentSecurityPolicy(['https://login.example']);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(csp).toMatch(/script-src 'self'[^;]*'wasm-unsafe-eval'/);
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("connect-src 'self' https://login.example");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it('the app and the redirect bridge: isolated, CSP, bridge never cached; HSTS only over https', async () => {
    const app = await buildServer({ staticDir: dir });
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.headers).toMatchObject({
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cache-control': 'no-cache',
    });
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy());
    expect(page.headers['strict-transport-security']).toBeUndefined();

    const bridge = await app.inject({ method: 'GET', url: '/redirect.html' });
    expect(bridge.statusCode).toBe(200);
    expect(bridge.headers['cache-control']).toBe('no-store');
    expect(bridge.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(bridge.headers['content-security-policy']).toBe(contentSecurityPolicy());

    const proxied = await app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');

    const config = await app.inject({ method: 'GET', url: '/api/client-config' });
    expect(config.json()).toEqual({ signIn: null });
    expect(config.headers['cache-control']).toBe('no-cache');
    await app.close();
  });
});
