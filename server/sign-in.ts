/**
 * What the browser needs to sign in, served at GET /api/client-config, so one build works against
 * any tenant (ids and URLs come from the server's environment, never from the bundle).
 */
import type { FastifyInstance } from 'fastify';
import type { SignInClientConfig } from '../src/core/api/sign-in-config';
import type { TenantClientSettings } from './config';
import type { DevIdp } from './dev-idp';

export const CLIENT_CONFIG_PATH = '/api/client-config';
/** The redirect bridge page (a second Vite entry), never cached (server/static-app.ts). */
export const REDIRECT_PATH = '/redirect.html';

export interface ClientSignInConfig extends SignInClientConfig {
  /** Origins the page talks to while signing in (for the Content-Security-Policy). */
  connectOrigins: string[];
}

export interface ClientConfig {
  signIn: ClientSignInConfig | null;
}

const origin = (url: string) => new URL(url).origin;

export function tenantClientConfig(settings: TenantClientSettings): ClientSignInConfig {
  return {
    clientId: settings.clientId,
    authority: settings.authority,
    knownAuthorities: settings.knownAuthorities,
    protocolMode: settings.protocolMode,
    authorityMetadata: null,
    scopes: settings.scopes,
    redirectPath: REDIRECT_PATH,
    providers: settings.providers,
    loginPrompt: null,
    isDevSignIn: false,
    connectOrigins: [...new Set([origin(settings.authority), ...settings.connectOrigins])],
  };
}

export function devClientConfig(idp: DevIdp, providers: ClientSignInConfig['providers']): ClientSignInConfig {
  const endpoints = ['authorization_endpoint', 'token_endpoint', 'end_session_endpoint']
    .map((key) => idp.metadata[key])
    .filter((value): value is string => typeof value === 'string');
  return {
    clientId: idp.clientId,
    authority: idp.issuer,
    knownAuthorities: [new URL(idp.issuer).host],
    protocolMode: 'OIDC',
    authorityMetadata: JSON.stringify(idp.metadata),
    scopes: [idp.scope],
    redirectPath: REDIRECT_PATH,
    providers,
    loginPrompt: 'consent',
    isDevSignIn: true,
    connectOrigins: [...new Set([origin(idp.issuer), ...endpoints.map(origin)])],
  };
}

export function clientConfigRoute(config: ClientConfig) {
  // connectOrigins only feeds the server's CSP; the browser does not need it.
  const body = JSON.stringify({ signIn: config.signIn && { ...config.signIn, connectOrigins: undefined } });
  return async function register(app: FastifyInstance): Promise<void> {
    app.get(CLIENT_CONFIG_PATH, async (_request, reply) => {
      // Revalidated on every start of the app: a tenant change must not wait for a cache.
      reply.header('Cache-Control', 'no-cache').type('application/json; charset=utf-8');
      return body;
    });
  };
}
