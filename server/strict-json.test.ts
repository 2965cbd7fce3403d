import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateKey } from './strict-json';

describe('duplicate JSON keys', () => {
  it('finds a repeated key at any depth, also when escaped differently', () => {
    expect(duplicateKey('{"reps":1,"reps":999}')).toBe('reps');
    expect(duplicateKey('{"a":{"b":1,"c":[{"d":1,"d":2}]}}')).toBe('d');
    expect(duplicateKey('{"reps":1,"r\\u0065ps":2}')).toBe('reps');
    expect(duplicateKey('{"a":"\\"a\\"","b":{"a":1},"c":[{"a":1},{"a":2}]}')).toBeNull();
    expect(duplicateKey('[1,"a",{"a":"a:,{}[]"},{"a":2}]')).toBeNull();
    expect(duplicateKey('"x"')).toBeNull();
  });

  it('never reports a duplicate in JSON.stringify output, and always finds an injected one', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(duplicateKey(JSON.stringify(value))).toBeNull();
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), (object) => {
        const text = JSON.stringify(object);
        const key = Object.keys(object)[0];
        const doubled = `${text.slice(0, -1)},${JSON.stringify(key)}:0}`;
        expect(duplicateKey(doubled)).toBe(key);
      }),
    );
  });
});
