import { describe, expect, it } from 'vitest';
import { isoWeek } from '../../src/core/calendar';
import { formatNumber, formatTime, localeFromLanguages, pluralCategory } from '../../src/app/i18n/format';

describe('locale formatting', () => {
  it('uses a decimal comma in the Nordic languages and a point in English', () => {
    expect(formatNumber('sv', 2.5)).toBe('2,5');
    expect(formatNumber('nb', 2.5)).toBe('2,5');
    expect(formatNumber('da', 2.5)).toBe('2,5');
    expect(formatNumber('en', 2.5)).toBe('2.5');
  });

  it('does not split four-digit numbers but groups larger ones', () => {
    expect(formatNumber('sv', 2026)).toBe('2026');
    expect(formatNumber('en', 12345)).toBe('12,345');
    expect(formatNumber('sv', 12345).replace(/\s/g, ' ')).toBe('12 345');
  });

  it('picks plural categories per language', () => {
    for (const l of ['en', 'sv', 'nb', 'da'] as const) {
      expect(pluralCategory(l, 1)).toBe('one');
      expect(pluralCategory(l, 0)).toBe('other');
      expect(pluralCategory(l, 2)).toBe('other');
    }
  });

  it('writes times in 24-hour form in every language, English included', () => {
    const afternoon = new Date(2026, 10, 27, 14, 5);
    for (const l of ['en', 'sv', 'nb', 'da'] as const) expect(formatTime(l, afternoon)).toMatch(/14[:.]05/);
    expect(formatTime('en', afternoon)).not.toMatch(/PM/i);
  });

  it('chooses the language from the browser list', () => {
    expect(localeFromLanguages(['nb-NO', 'en'])).toBe('nb');
    expect(localeFromLanguages(['no'])).toBe('nb');
    expect(localeFromLanguages(['nn-NO'])).toBe('nb');
    expect(localeFromLanguages(['da-DK'])).toBe('da');
    expect(localeFromLanguages(['sv-FI'])).toBe('sv');
    expect(localeFromLanguages(['de-DE', 'da'])).toBe('da');
    expect(localeFromLanguages(['de-DE'])).toBe('en');
    expect(localeFromLanguages([])).toBe('en');
  });
});
