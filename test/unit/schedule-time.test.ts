import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidTimeZone, localTime, offsetAt, zonedTime } from '../../src/core/schedule';

const T = (iso: string) => Date.parse(iso);
const STO = 'Europe/Stockholm';
const NY = 'America/New_York';

describe('schedule time zone helpers', () => {
  it('puts 09:00 at 09:00 local on both sides of the Stockholm DST changes', () => {
    expect(zonedTime('2026-03-27', 9 * 60, STO)).toBe(T('2026-03-27T08:00:00Z')); // CET
    expect(zonedTime('2026-03-30', 9 * 60, STO)).toBe(T('2026-03-30T07:00:00Z')); // CEST
    expect(zonedTime('2026-10-23', 9 * 60, STO)).toBe(T('2026-10-23T07:00:00Z')); // CEST
    expect(zonedTime('2026-10-26', 9 * 60, STO)).toBe(T('2026-10-26T08:00:00Z')); // CET
  });

  it('does the same in New York (DST on 8 March and 1 November 2026)', () => {
    expect(zonedTime('2026-03-06', 9 * 60, NY)).toBe(T('2026-03-06T14:00:00Z'));
    expect(zonedTime('2026-03-09', 9 * 60, NY)).toBe(T('2026-03-09T13:00:00Z'));
    expect(zonedTime('2026-10-30', 9 * 60, NY)).toBe(T('2026-10-30T13:00:00Z'));
    expect(zonedTime('2026-11-02', 9 * 60, NY)).toBe(T('2026-11-02T14:00:00Z'));
  });

  it('moves a time in the spring-forward gap forward, and takes the earlier of a repeated time', () => {
    expect(zonedTime('2026-03-29', 2 * 60 + 30, STO)).toBe(T('2026-03-29T03:30:00+02:00'));
    expect(zonedTime('2026-10-25', 2 * 60 + 30, STO)).toBe(T('2026-10-25T02:30:00+02:00'));
    expect(zonedTime('2026-03-08', 2 * 60 + 30, NY)).toBe(T('2026-03-08T03:30:00-04:00'));
    expect(zonedTime('2026-11-01', 60 + 30, NY)).toBe(T('2026-11-01T01:30:00-04:00'));
  });

  it('reads local date, minutes and ISO weekday', () => {
    expect(localTime(T('2026-03-29T01:59:00Z'), STO)).toEqual({ date: '2026-03-29', minutes: 3 * 60 + 59, weekday: 7 });
    expect(localTime(T('2026-03-30T22:30:00Z'), STO)).toEqual({ date: '2026-03-31', minutes: 30, weekday: 2 });
    expect(localTime(T('2026-03-30T02:00:00Z'), NY)).toEqual({ date: '2026-03-29', minutes: 22 * 60, weekday: 7 });
    expect(offsetAt(T('2026-07-01T00:00:00Z'), STO)).toBe(2 * 3_600_000);
    expect(offsetAt(T('2026-01-01T00:00:00.500Z'), NY)).toBe(-5 * 3_600_000);
  });

  it('round-trips every minute (the second pass of a repeated hour maps to its first)', () => {
    const zones = [STO, NY, 'UTC', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago'];
    fc.assert(
      fc.property(fc.integer({ min: T('2025-01-01T00:00:00Z') / 60_000, max: T('2028-01-01T00:00:00Z') / 60_000 }), fc.constantFrom(...zones), (minute, tz) => {
        const t = minute * 60_000;
        const lt = localTime(t, tz);
        const back = zonedTime(lt.date, lt.minutes, tz);
        expect(back).toBeLessThanOrEqual(t);
        expect(t - back).toBeLessThanOrEqual(3_600_000); // 0, or the length of the repeated hour
        expect(localTime(back, tz)).toEqual(lt);
      }),
      { numRuns: 400 },
    );
  });

  it('knows valid zone names', () => {
    expect(isValidTimeZone(STO)).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(42)).toBe(false);
  });
});
