import { signal } from '@preact/signals';
import { en, sv, type MessageKey } from './catalog';

export type { MessageKey };

export type Locale = 'en' | 'sv';
const LOCALE_KEY = 'microbreak.locale';
const catalogs: Record<Locale, Record<MessageKey, string>> = { en, sv };

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(LOCALE_KEY);
    if (saved === 'en' || saved === 'sv') return saved;
  } catch {
    // fall through to the browser's language
  }
  return navigator.language.toLowerCase().startsWith('sv') ? 'sv' : 'en';
}

export const locale = signal<Locale>(initialLocale());

export function setLocale(next: Locale): void {
  locale.value = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(LOCALE_KEY, next);
  } catch {
    // not remembered; still switched for this visit
  }
}

/** Translated text for a key; `{name}` placeholders are filled from `params`. Reading `locale` makes components re-render on switch. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogs[locale.value][key];
  return params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : text;
}
