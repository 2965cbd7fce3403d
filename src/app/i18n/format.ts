/**
 * Locale-aware numbers, plurals, times and week labels. Pure (takes the locale as an argument) so
 * unit tests can check every language without a DOM; i18n.ts binds it to the current locale.
 */
export const LOCALES = ['en', 'sv', 'nb', 'da'] as const;
export type Locale = (typeof LOCALES)[number];

/** The regional form used for formatting: en-GB for English so times are 24-hour and dates day-first, as in the Nordic languages. */
const REGION: Record<Locale, string> = { en: 'en-GB', sv: 'sv-SE', nb: 'nb-NO', da: 'da-DK' };
export const intlLocale = (locale: Locale): string => REGION[locale];

/** The app's language from the browser's list: Norwegian (no, nb, nn) → nb; Swedish, Danish; else English. */
export function localeFromLanguages(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'sv') return 'sv';
    if (base === 'da') return 'da';
    if (base === 'nb' || base === 'no' || base === 'nn') return 'nb';
    if (base === 'en') return 'en';
  }
  return 'en';
}

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** "1 234,5" in Swedish, "1,234.5" in English; four-digit numbers (years, points) are not split. */
export function formatNumber(locale: Locale, value: number, maximumFractionDigits = 1): string {
  // 'min2' (group only from 10 000) is in every current browser; older typings lack it.
  const useGrouping = 'min2' as unknown as boolean;
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits, useGrouping }).format(value);
}

/** Intl plural category ("one", "other", …) for a count in this language. */
export function pluralCategory(locale: Locale, n: number): Intl.LDMLPluralRule {
  return new Intl.PluralRules(intlLocale(locale)).select(n);
}

/** A time of day, always 24-hour ("14:05"); with `weekday`, "Fri 14:05" / "fre 14:05". */
export function formatTime(locale: Locale, date: Date | number, withWeekday = false): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    ...(withWeekday ? { weekday: 'short' as const } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}
