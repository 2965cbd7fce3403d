import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteLink, parseInvite } from './invite';

const CODE = 'AbCdEfGhIjKlMnOpQrSt_-';

describe('invites', () => {
  const had = 'location' in globalThis;
  beforeAll(() => {
    if (!had) Object.defineProperty(globalThis, 'location', { value: new URL('https://app.example/'), configurable: true });
  });
  afterAll(() => {
    if (!had) delete (globalThis as { location?: unknown }).location;
  });

  it('makes a link that carries the code', () => {
    expect(inviteLink(CODE)).toBe(`https://app.example/?join=${CODE}`);
    expect(parseInvite(inviteLink(CODE))).toBe(CODE);
  });

  it('reads a bare code, a pasted link (with spaces) or a relative one', () => {
    expect(parseInvite(`  ${CODE} `)).toBe(CODE);
    expect(parseInvite(`https://other.example/?x=1&join=${CODE}#top`)).toBe(CODE);
    expect(parseInvite(`/?join=${CODE}`)).toBe(CODE);
  });

  it('refuses what is not a code', () => {
    expect(parseInvite('')).toBeNull();
    expect(parseInvite('short')).toBeNull();
    expect(parseInvite(`${CODE}x`)).toBeNull();
    expect(parseInvite('https://app.example/?join=not a code')).toBeNull();
  });
});
