/**
 * Who was signed in last on this device, and with which provider: lets the app offer "continue as
 * alice@…" after a browser restart cleared MSAL's session-bound token cache. Holds no token.
 */
import type { ProviderId } from './client-config';
import { readStored, readStoredJson, store } from '../storage/web-storage';

const KEY = 'microbreak.auth.last';
const PROVIDER_KEY = 'microbreak.auth.provider';

export interface RememberedAccount {
  username: string;
  name: string | null;
}

/** Not kept (storage blocked): after a restart the user picks a provider again. */
export function rememberAccount(account: RememberedAccount): void {
  store(KEY, JSON.stringify(account));
}

export function rememberedAccount(): RememberedAccount | null {
  const value = readStoredJson(KEY) as Partial<RememberedAccount> | null;
  if (!value || typeof value.username !== 'string' || value.username === '') return null;
  return { username: value.username, name: typeof value.name === 'string' ? value.name : null };
}

export function forgetAccount(): void {
  store(KEY, null);
}

/** The provider button pressed last (its domain_hint is reused to sign in again). */
export function rememberProvider(provider: ProviderId): void {
  store(PROVIDER_KEY, provider);
}

export function rememberedProvider(): ProviderId | null {
  const value = readStored(PROVIDER_KEY);
  return value === 'microsoft' || value === 'apple' || value === 'google' ? value : null;
}
