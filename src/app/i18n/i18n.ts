import { signal } from '@preact/signals';
import { da, en, nb, sv, type MessageKey } from './catalog';
import * as format from './format';
import { isoWeek } from '../../core/calendar';
import { isLocale, localeFromLanguages, type Locale } from './format';
import { readStored, store } from '../storage/web-storage';

export type { Locale, MessageKey };

const LOCALE_KEY = 'microbreak.locale';
const catalogs: Record<Locale, Record<MessageKey, string>> = { en, sv, nb, da };

/** Each language's name in itself, for the language picker. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', sv: 'Svenska', nb: 'Norsk bokmål', da: 'Dansk' };

function initialLocale(): Locale {
  const saved = readStored(LOCALE_KEY);
  if (isLocale(saved)) return saved;
  return localeFromLanguages(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export const locale = signal<Locale>(initialLocale());

export function setLocale(next: Locale): void {
  locale.value = next;
  document.documentElement.lang = next;
  store(LOCALE_KEY, next); // if not kept, still switched for this visit
}

/**
 * Translated text for a key; `{name}` placeholders are filled from `params`, numbers in the
 * language's own form (decimal comma in the Nordic languages). Reading `locale` makes components re-render on switch.
 */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const lang = locale.value;
  const text = catalogs[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) return `{${name}}`;
    return typeof value === 'number' ? format.formatNumber(lang, value) : value;
  });
}

/** Keys that come in plural forms: "x.one" and "x.other" (the Intl.PluralRules categories these languages use). */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}.other` ? (`${Base}.one` extends MessageKey ? Base : never) : never }[MessageKey];

/** The plural form for `n` ({n} in the text), chosen with Intl.PluralRules for the current language. */
export function tn(key: PluralKey, n: number, params?: Record<string, string | number>): string {
  const category = format.pluralCategory(locale.value, n);
  const specific = `${key}.${category}` as MessageKey;
  const chosen = specific in catalogs[locale.value] ? specific : (`${key}.other` as MessageKey);
  return t(chosen, { n, ...params });
}

export const formatNumber = (value: number, maximumFractionDigits = 1) => format.formatNumber(locale.value, value, maximumFractionDigits);
export const formatTime = (date: Date | number, withWeekday = false) => format.formatTime(locale.value, date, withWeekday);
export const intlLocale = () => format.intlLocale(locale.value);
/** "Week 48" / "v. 48"; the year is added when it is not the current one, so labels never collide. */
export function weekLabel(day: string, currentYear = new Date().getUTCFullYear()): string {
  const { year, week } = isoWeek(day);
  return year === currentYear ? t('history.week', { week: String(week) }) : t('history.weekYear', { week: String(week), year: String(year) });
}
