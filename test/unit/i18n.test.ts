import { describe, expect, it } from 'vitest';
import { en, sv } from '../../src/app/i18n/catalog';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI text catalogs', () => {
  it('Swedish has exactly the English keys, none empty', () => {
    expect(Object.keys(sv).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(sv)) expect(text.trim(), key).not.toBe('');
  });

  it('translations keep the same {placeholders}', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(placeholders(sv[key]), key).toEqual(placeholders(en[key]));
    }
  });
});
