/**
 * The sign-in settings, read from the server at start (GET /api/client-config) so one build works
 * against any tenant. The last good answer is kept, so an offline start still knows the account.
 */
import { SIGN_IN_PROVIDER_IDS, type SignInClientConfig, type SignInProviderId } from '../../core/api/sign-in-config';
import { readStoredJson, store } from '../storage/web-storage';

export type ProviderId = SignInProviderId;
export type SignInConfig = SignInClientConfig;

const KEY = 'microbreak.signInConfig';
const PROVIDERS: readonly ProviderId[] = SIGN_IN_PROVIDER_IDS;

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** Only a well-formed answer is used; anything else counts as "no sign-in". */
export function parseSignInConfig(value: unknown): SignInConfig | null {
  if (!value || typeof value !== 'object') return null;
  const c = value as Record<string, unknown>;
  const providers = Array.isArray(c.providers)
    ? c.providers.filter(
        (p): p is SignInConfig['providers'][number] =>
          !!p && PROVIDERS.includes((p as { id: ProviderId }).id) && ['string', 'object'].includes(typeof (p as { domainHint: unknown }).domainHint),
      )
    : [];
  if (
    typeof c.clientId !== 'string' ||
    typeof c.authority !== 'string' ||
    !c.authority.startsWith('https://') ||
    !isStrings(c.knownAuthorities) ||
    (c.protocolMode !== 'AAD' && c.protocolMode !== 'OIDC') ||
    !(c.authorityMetadata === null || typeof c.authorityMetadata === 'string') ||
    !isStrings(c.scopes) ||
    typeof c.redirectPath !== 'string' ||
    !c.redirectPath.startsWith('/') ||
    providers.length === 0
  ) {
    return null;
  }
  return {
    clientId: c.clientId,
    authority: c.authority,
    knownAuthorities: c.knownAuthorities,
    protocolMode: c.protocolMode,
    authorityMetadata: c.authorityMetadata,
    scopes: c.scopes,
    redirectPath: c.redirectPath,
    providers,
    loginPrompt: c.loginPrompt === 'consent' ? 'consent' : null,
    isDevSignIn: c.isDevSignIn === true,
  };
}

export type ConfigResult = { kind: 'ok'; config: SignInConfig; fresh: boolean } | { kind: 'none' } | { kind: 'unreachable' };

export async function loadSignInConfig(): Promise<ConfigResult> {
  try {
    const response = await fetch('/api/client-config', { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`client-config answered ${response.status}`);
    const config = parseSignInConfig(((await response.json()) as { signIn?: unknown }).signIn);
    store(KEY, config ? JSON.stringify(config) : null); // not kept: an offline start asks to connect
    return config ? { kind: 'ok', config, fresh: true } : { kind: 'none' };
  } catch {
    const config = parseSignInConfig(readStoredJson(KEY));
    return config ? { kind: 'ok', config, fresh: false } : { kind: 'unreachable' };
  }
}
