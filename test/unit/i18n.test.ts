import { describe, expect, it } from 'vitest';
import { da, en, nb, sv } from '../../src/app/i18n/catalog';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const translations = { sv, nb, da } as const;

describe('UI text catalogs', () => {
  for (const [lang, catalog] of Object.entries(translations)) {
    it(`${lang} has exactly the English keys, none empty`, () => {
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(catalog)) expect(text.trim(), key).not.toBe('');
    });

    it(`${lang} keeps the same {placeholders}`, () => {
      for (const key of Object.keys(en) as Array<keyof typeof en>) {
        expect(placeholders(catalog[key]), key).toEqual(placeholders(en[key]));
      }
    });
  }

  it('every plural has its "one" and "other" forms, and both use {n}', () => {
    const bases = Object.keys(en).filter((k) => k.endsWith('.other') && `${k.slice(0, -'.other'.length)}.one` in en).map((k) => k.slice(0, -'.other'.length));
    expect(bases.length).toBeGreaterThan(3);
    for (const base of bases) {
      for (const catalog of [en, sv, nb, da] as Array<Record<string, string>>) {
        expect(catalog[`${base}.one`], base).toContain('{n}');
        expect(catalog[`${base}.other`], base).toContain('{n}');
      }
    }
  });

  it('no awkward Swedish: ordinal intervals, "Sekunder hållna"', () => {
    for (const text of Object.values(sv)) {
      expect(text).not.toMatch(/\{n\}:e/);
      expect(text).not.toMatch(/Sekunder hållna/);
    }
  });
});
