/** The one MSAL instance, configured from the server's sign-in settings. */
import { BrowserCacheLocation, ProtocolMode, PublicClientApplication } from '@azure/msal-browser';
import type { SignInConfig } from './client-config';

/**
 * Renew access tokens this long before they expire (MSAL's default is 300 s). The development
 * sign-in's browser test relies on the value (test/browser/sign-in.test.ts).
 */
export const TOKEN_RENEWAL_OFFSET_S = 120;

export function createMsal(config: SignInConfig): PublicClientApplication {
  return new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
      ...(config.authorityMetadata ? { authorityMetadata: config.authorityMetadata } : {}),
      // v5: the provider answers to the bridge page, which hands the response back to the app.
      redirectUri: `${location.origin}${config.redirectPath}`,
      postLogoutRedirectUri: `${location.origin}/`,
    },
    // localStorage: a sign-in survives closing the app. MSAL encrypts it with a session key unless
    // the provider marks the sign-in "stay signed in" (kmsi); then it survives a browser restart too.
    cache: { cacheLocation: BrowserCacheLocation.LocalStorage },
    system: {
      protocolMode: config.protocolMode === 'OIDC' ? ProtocolMode.OIDC : ProtocolMode.AAD,
      tokenRenewalOffsetSeconds: TOKEN_RENEWAL_OFFSET_S,
    },
  });
}
