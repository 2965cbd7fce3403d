/**
 * Sign-in for team features (docs/design.md §6): msal-browser v5, redirect flow only (the page's COOP
 * breaks popups), `handleRedirectPromise()` awaited before any other MSAL call, tokens for our
 * API's scope. The rest of the app never waits for any of this: it works signed out and offline.
 */
import { signal } from '@preact/signals';
import { CacheLookupPolicy, PublicClientApplication, type AccountInfo } from '@azure/msal-browser';
import { loadSignInConfig, type ProviderId, type SignInConfig } from './client-config';
import { createMsal } from './msal';
import { classifyAuthError, describeAuthError, type AuthProblem } from './msal-errors';
import { saveDrafts, takeDrafts, type Drafts } from './pending';
import { forgetAccount, rememberAccount, rememberedAccount, rememberedProvider, rememberProvider } from './remembered';

export { collectDraftsWith } from './pending';

export type AuthStatus =
  | 'loading'
  /** The server offers no sign-in. */
  | 'unavailable'
  /** Offline on a device that never loaded the sign-in settings. */
  | 'unreachable'
  | 'signed-out'
  | 'signed-in'
  /** Known account, but no token can be had silently: one click signs in again. */
  | 'renew-needed'
  /** Navigating to the identity provider. */
  | 'redirecting';

export interface AuthView {
  status: AuthStatus;
  account: { username: string; name: string | null } | null;
  providers: Array<{ id: ProviderId; domainHint: string | null }>;
  isDevSignIn: boolean;
  /** The last problem, for the UI to explain (cleared by the next successful step). */
  problem: AuthProblem | null;
  detail: string | null;
}

export const auth = signal<AuthView>({ status: 'loading', account: null, providers: [], isDevSignIn: false, problem: null, detail: null });

/** Drafts saved before the last redirect (typed team name, invite code), once. */
export const restoredDrafts = signal<Drafts>({});

/** The access token could not be had without the user: the UI offers to sign in again. */
export class SignInRequiredError extends Error {
  constructor(readonly problem: AuthProblem, detail: string) {
    super(detail);
    this.name = 'SignInRequiredError';
  }
}

let msal: PublicClientApplication | null = null;
let config: SignInConfig | null = null;
let started: Promise<void> | null = null;

function update(patch: Partial<AuthView>): void {
  auth.value = { ...auth.value, ...patch };
}

function accountView(account: AccountInfo): AuthView['account'] {
  return { username: account.username, name: account.name ?? null };
}

function currentAccount(): AccountInfo | null {
  if (!msal) return null;
  return msal.getActiveAccount() ?? msal.getAllAccounts()[0] ?? null;
}

function providerHint(provider: ProviderId | null): string | undefined {
  return config?.providers.find((p) => p.id === provider)?.domainHint ?? undefined;
}

async function start(): Promise<void> {
  const loaded = await loadSignInConfig();
  if (loaded.kind !== 'ok') {
    update({ status: loaded.kind === 'none' ? 'unavailable' : 'unreachable' });
    return;
  }
  config = loaded.config;
  update({ providers: config.providers, isDevSignIn: config.isDevSignIn });
  msal = createMsal(config);
  try {
    await msal.initialize();
    // First MSAL call after initialize: completes a sign-in that just came back through redirect.html.
    const result = await msal.handleRedirectPromise();
    restoredDrafts.value = takeDrafts();
    if (result?.account) {
      msal.setActiveAccount(result.account);
      rememberAccount(accountView(result.account)!);
    }
  } catch (error) {
    restoredDrafts.value = takeDrafts();
    const problem = classifyAuthError(error);
    update({ problem: problem === 'interaction-required' ? 'failed' : problem, detail: describeAuthError(error) });
  }
  settle();
}

/** Works out the status from MSAL's cache and the remembered account. */
function settle(): void {
  const account = currentAccount();
  if (account) {
    update({ status: 'signed-in', account: accountView(account) });
    return;
  }
  const last = rememberedAccount();
  if (last) update({ status: 'renew-needed', account: { username: last.username, name: last.name } });
  else update({ status: 'signed-out', account: null });
}

/** Call once at start-up (idempotent); the teams view calls it too. Never rejects. */
export function initAuth(): Promise<void> {
  started ??= start().catch((error: unknown) => {
    update({ status: 'unreachable', problem: 'failed', detail: describeAuthError(error) });
  });
  return started;
}

function redirectRequest(provider: ProviderId | null, loginHint?: string) {
  const c = config as SignInConfig;
  return {
    scopes: c.scopes,
    domainHint: providerHint(provider),
    loginHint,
    prompt: c.loginPrompt ?? undefined,
    // Back to exactly this page (an invite link's ?join=… included).
    redirectStartPage: location.href,
  };
}

async function redirect(run: () => Promise<void>): Promise<void> {
  if (!navigator.onLine) {
    update({ problem: 'offline', detail: null });
    return;
  }
  saveDrafts();
  const before = auth.value.status;
  update({ status: 'redirecting', problem: null, detail: null });
  try {
    await run();
  } catch (error) {
    update({ status: before, problem: classifyAuthError(error), detail: describeAuthError(error) });
  }
}

/** Starts sign-in with one provider button (its domain_hint goes straight to that provider). */
export async function signIn(provider: ProviderId): Promise<void> {
  await initAuth();
  if (!msal || !config) return;
  const app = msal;
  rememberProvider(provider);
  await redirect(() => app.loginRedirect(redirectRequest(provider)));
}

/** Signs in again as the known account, through the provider used last time. */
export async function signInAgain(): Promise<void> {
  await initAuth();
  if (!msal || !config) return;
  const app = msal;
  const account = currentAccount();
  const request = redirectRequest(rememberedProvider(), account?.username ?? rememberedAccount()?.username);
  await redirect(() => (account ? app.acquireTokenRedirect({ ...request, account }) : app.loginRedirect(request)));
}

let tokenQueue: Promise<unknown> = Promise.resolve();

/**
 * An access token for our API, renewed silently with the refresh token when needed. Never opens
 * a hidden iframe (cross-origin isolation blocks it; it would only time out). Calls are queued:
 * refresh tokens rotate, and two refreshes at once would spend the same one twice.
 */
export function getAccessToken(options: { forceRefresh?: boolean } = {}): Promise<string> {
  const next = tokenQueue.then(async () => {
    await initAuth();
    const account = currentAccount();
    if (!msal || !config || !account) throw new SignInRequiredError('interaction-required', 'not signed in');
    try {
      const result = await msal.acquireTokenSilent({
        scopes: config.scopes,
        account,
        forceRefresh: options.forceRefresh ?? false,
        cacheLookupPolicy: CacheLookupPolicy.AccessTokenAndRefreshToken,
      });
      if (auth.value.status !== 'signed-in' || auth.value.problem) update({ status: 'signed-in', account: accountView(account), problem: null, detail: null });
      return result.accessToken;
    } catch (error) {
      const problem = classifyAuthError(error);
      if (problem !== 'offline') update({ status: 'renew-needed', problem, detail: describeAuthError(error) });
      throw new SignInRequiredError(problem, describeAuthError(error));
    }
  });
  tokenQueue = next.catch(() => undefined);
  return next;
}

/** The API refused our token (401) although MSAL thought it good: ask the user again. */
export function markSignInRequired(detail: string): void {
  update({ status: 'renew-needed', problem: 'interaction-required', detail });
}

/**
 * Signs out: forgets the account here and, when online, ends the provider's session too (it then
 * comes back to the app). Offline, only the local sign-out happens.
 */
export async function signOut(): Promise<void> {
  await initAuth();
  forgetAccount();
  if (!msal) return;
  const account = currentAccount();
  if (!navigator.onLine || !account) {
    await msal.clearCache({ account });
    update({ status: 'signed-out', account: null, problem: null, detail: null });
    return;
  }
  const app = msal;
  // A plain OpenID provider needs id_token_hint to trust post_logout_redirect_uri (Entra uses logout_hint).
  const idTokenHint = config?.protocolMode === 'OIDC' ? account.idToken : undefined;
  await redirect(() => app.logoutRedirect({ account, postLogoutRedirectUri: `${location.origin}/`, idTokenHint }));
}

/**
 * For "erase everything": captures what ending the provider's session needs before the local
 * storage (MSAL's cache included) is wiped; call the result afterwards. null: not signed in, or offline.
 */
export async function captureProviderSignOut(): Promise<(() => Promise<void>) | null> {
  await initAuth();
  const account = currentAccount();
  if (!msal || !account || !navigator.onLine) return null;
  const app = msal;
  const idTokenHint = config?.protocolMode === 'OIDC' ? account.idToken : undefined;
  return () => app.logoutRedirect({ account, postLogoutRedirectUri: `${location.origin}/`, idTokenHint });
}

/** After the account was deleted on the server: local sign-out, no trip to the provider. */
export async function forgetSignIn(): Promise<void> {
  forgetAccount();
  if (msal) await msal.clearCache({ account: currentAccount() });
  update({ status: 'signed-out', account: null, problem: null, detail: null });
}
