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

/** ISO 8601 week number and its year for a UTC day "YYYY-MM-DD" (weeks start Monday; week 1 holds the first Thursday). */
export function isoWeek(day: string): { year: number; week: number } {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstWeekday = (firstThursday.getUTCDay() + 6) % 7;
  const week1Monday = firstThursday.getTime() - firstWeekday * 86_400_000;
  return { year, week: 1 + Math.round((thursday.getTime() - 3 * 86_400_000 - week1Monday) / (7 * 86_400_000)) };
}
