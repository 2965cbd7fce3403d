import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteLink, parseInvite } from '../../src/app/teams/invite';

const CODE = 'K7QF-9M2X-TR4D';
const LEGACY = 'AbCdEfGhIjKlMnOpQrSt_-';

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

  it('reads a code as people type it: any case, spaces or no dashes, O for 0, I or L for 1', () => {
    expect(parseInvite(`  ${CODE} `)).toBe(CODE);
    expect(parseInvite('k7qf 9m2x tr4d')).toBe(CODE);
    expect(parseInvite('K7QF9M2XTR4D')).toBe(CODE);
    expect(parseInvite('ool1-IL00-ABCD')).toBe('0011-1100-ABCD');
  });

  it('reads a pasted link (absolute or relative) and a legacy code as it is', () => {
    expect(parseInvite(`https://other.example/?x=1&join=${CODE}#top`)).toBe(CODE);
    expect(parseInvite(`/?join=k7qf9m2xtr4d`)).toBe(CODE);
    expect(parseInvite(LEGACY)).toBe(LEGACY);
    expect(parseInvite(`/?join=${LEGACY}`)).toBe(LEGACY);
  });

  it('refuses what is not a code', () => {
    expect(parseInvite('')).toBeNull();
    expect(parseInvite('short')).toBeNull();
    expect(parseInvite('K7QF-9M2X-TR4')).toBeNull();
    expect(parseInvite('UUUU-UUUU-UUUU')).toBeNull();
    expect(parseInvite(`${LEGACY}x`)).toBeNull();
    expect(parseInvite('https://app.example/?join=not a code')).toBeNull();
  });
});
