/**
 * Turns the sign-in settings into what buildServer needs: how to verify access tokens and what to
 * tell the browser. For the development sign-in it also starts the local provider (imported only
 * then: oidc-provider is not needed against a real tenant).
 */
import { createLocalJWKSet } from 'jose';
import { createTokenVerifier, type TokenVerifier } from './auth/verify';
import type { Clock } from './clock';
import { DEFAULT_PROVIDERS, parseProviders, type AuthConfig, type SignInSettings } from './config';
import type { DevIdp, DevIdpOptions } from './dev-idp';
import { devClientConfig, tenantClientConfig, type ClientConfig } from './sign-in';

export interface SignInSetup {
  auth: AuthConfig | TokenVerifier | null;
  clientConfig: ClientConfig;
  devIdp: DevIdp | null;
  /** One line for the start-up log. */
  summary: string;
}

/** The development sign-in as the API sees it: its tokens, verified with its keys in hand. */
export function devAuthConfig(idp: DevIdp): AuthConfig {
  return { issuer: idp.issuer, audience: idp.audience, jwksUri: null, requiredScope: idp.scope, algorithms: ['RS256'], clockToleranceSeconds: 30 };
}

export async function startDevSignIn(options: DevIdpOptions, clock: Clock): Promise<SignInSetup> {
  const { startDevIdp } = await import('./dev-idp');
  const idp = await startDevIdp(options);
  const providers = parseProviders(DEFAULT_PROVIDERS, []);
  return {
    auth: createTokenVerifier(devAuthConfig(idp), clock, createLocalJWKSet(idp.jwks)),
    clientConfig: { signIn: devClientConfig(idp, providers) },
    devIdp: idp,
    summary: `development sign-in with test users at ${idp.issuer} (not for production; set OIDC_ISSUER for a real tenant)`,
  };
}

export async function setUpSignIn(settings: SignInSettings, auth: AuthConfig | null, clock: Clock): Promise<SignInSetup> {
  switch (settings.kind) {
    case 'none':
      return { auth: null, clientConfig: { signIn: null }, devIdp: null, summary: 'off (DEV_SIGN_IN=off and no OIDC_ISSUER)' };
    case 'dev':
      return startDevSignIn({ port: settings.port, stateDir: settings.stateDir, accessTokenTtlSeconds: settings.accessTokenTtlSeconds }, clock);
    case 'tenant':
      return {
        auth,
        clientConfig: { signIn: settings.client && tenantClientConfig(settings.client) },
        devIdp: null,
        summary: settings.client
          ? `${auth?.issuer} (app registration ${settings.client.clientId})`
          : `tokens from ${auth?.issuer} are accepted, but the app cannot sign in: set SIGN_IN_CLIENT_ID and SIGN_IN_AUTHORITY`,
      };
  }
}
