/**
 * The sign-in settings the server publishes at GET /api/client-config and the page reads: one
 * contract for both sides, so they cannot drift apart.
 */
export const SIGN_IN_PROVIDER_IDS = ['microsoft', 'apple', 'google'] as const;
export type SignInProviderId = (typeof SIGN_IN_PROVIDER_IDS)[number];

export interface SignInClientConfig {
  clientId: string;
  authority: string;
  knownAuthorities: string[];
  protocolMode: 'AAD' | 'OIDC';
  /** The OpenID discovery document as a string (MSAL's authorityMetadata); null: MSAL discovers it. */
  authorityMetadata: string | null;
  /** Our API's scopes; MSAL adds openid, profile and offline_access. */
  scopes: string[];
  redirectPath: string;
  providers: Array<{ id: SignInProviderId; domainHint: string | null }>;
  /** "consent" for the development sign-in: it then grants offline_access (refresh tokens). */
  loginPrompt: 'consent' | null;
  /** True for the local test-user provider: the UI labels it clearly. */
  isDevSignIn: boolean;
}
