/**
 * Who was signed in last on this device, and with which provider: lets the app offer "continue as
 * alice@…" after a browser restart cleared MSAL's session-bound token cache. Holds no token.
 */
import type { ProviderId } from './client-config';

const KEY = 'microbreak.auth.last';
const PROVIDER_KEY = 'microbreak.auth.provider';

export interface RememberedAccount {
  username: string;
  name: string | null;
}

export function rememberAccount(account: RememberedAccount): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(account));
  } catch {
    // not remembered: after a restart the user picks a provider again
  }
}

export function rememberedAccount(): RememberedAccount | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<RememberedAccount> | null;
    if (!value || typeof value.username !== 'string' || value.username === '') return null;
    return { username: value.username, name: typeof value.name === 'string' ? value.name : null };
  } catch {
    return null;
  }
}

export function forgetAccount(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing to forget
  }
}

/** The provider button pressed last (its domain_hint is reused to sign in again). */
export function rememberProvider(provider: ProviderId): void {
  try {
    localStorage.setItem(PROVIDER_KEY, provider);
  } catch {
    // the renewal then shows the tenant's provider choice
  }
}

export function rememberedProvider(): ProviderId | null {
  try {
    const value = localStorage.getItem(PROVIDER_KEY);
    return value === 'microsoft' || value === 'apple' || value === 'google' ? value : null;
  } catch {
    return null;
  }
}
