/**
 * oidc-provider configured as Microbreak's development sign-in (docs/design.md §6): one public SPA client
 * on any loopback port, JWT access tokens for our API audience with the `teams` scope (resource
 * indicators), refresh tokens, `preferred_username` in the ID token, and Entra's "stay signed in"
 * hint (`signin_state: ["kmsi"]`) when the user ticks "Keep me signed in", which is what lets
 * MSAL keep tokens across a browser restart.
 */
import Provider, { errors } from 'oidc-provider';
import type { IdpKeys } from './keys';
import { errorPage, loggedOutPage, logoutPage } from './pages';
import { preferredUsername, userBySubject } from './users';

export interface DevIdpSettings {
  issuer: string;
  clientId: string;
  audience: string;
  scope: string;
  accessTokenTtlSeconds: number;
  keys: IdpKeys;
  /** oidc-provider adapter class (server/dev-idp/store.ts). */
  adapter: unknown;
}

/** Marks a login made with "Keep me signed in" (carried in the code and refresh token). */
export const KMSI_AMR = 'kmsi';

/** Any http origin on a loopback name: the app may run on any local port. */
export function isLoopbackOrigin(origin: string): boolean {
  const url = URL.parse(origin);
  return !!url && url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && url.origin === origin;
}

interface Ctx {
  type: string;
  body: string;
  oidc?: { entities: Record<string, { amr?: string[] } | undefined> };
}

export function createProvider(settings: DevIdpSettings) {
  const { audience, scope } = settings;
  return new Provider(settings.issuer, {
    adapter: settings.adapter,
    clients: [
      {
        client_id: settings.clientId,
        client_name: 'Microbreak (development)',
        // "native" lets the loopback redirect URIs below match on any port (RFC 8252 §7.3).
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: ['http://localhost/redirect.html', 'http://127.0.0.1/redirect.html'],
        post_logout_redirect_uris: ['http://localhost/', 'http://127.0.0.1/'],
      },
    ],
    jwks: { keys: [settings.keys.signing] },
    cookies: { keys: settings.keys.cookieKeys },
    claims: { openid: ['sub', 'signin_state'], profile: ['name', 'preferred_username'] },
    // Put profile claims in the ID token: the access token is for our API, not for userinfo.
    conformIdTokenClaims: false,
    // domain_hint is accepted so the login page can show which provider button was pressed.
    extraParams: ['domain_hint'],
    clientBasedCORS: (_ctx: unknown, origin: string) => isLoopbackOrigin(origin),
    async findAccount(ctx: Ctx, sub: string) {
      const user = userBySubject(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        async claims() {
          const source = ctx.oidc?.entities.AuthorizationCode ?? ctx.oidc?.entities.RefreshToken;
          const kmsi = source?.amr?.includes(KMSI_AMR) ?? false;
          return { sub, name: user.name, preferred_username: preferredUsername(user), ...(kmsi ? { signin_state: ['kmsi'] } : {}) };
        },
      };
    },
    // Refresh tokens for our one client; with prompt=consent offline_access is granted too, so a
    // refresh request that repeats MSAL's default scopes stays within the grant.
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => audience,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: unknown, indicator: string) => {
          if (indicator !== audience) throw new errors.InvalidTarget(`only ${audience} is served here`);
          return { scope, audience, accessTokenTTL: settings.accessTokenTtlSeconds, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: Ctx, form: string) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx: Ctx) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage();
        },
      },
    },
    renderError: async (ctx: Ctx, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
    ttl: {
      AccessToken: () => settings.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 14 * 24 * 3600,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
    },
  });
}
