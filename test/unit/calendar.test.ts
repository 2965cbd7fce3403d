import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays, daysOfIsoWeek, isDay, isoWeek, isoWeekOf, isoWeekday, localDay, localDayEnd, localDayStart, startOfWeek, utcDay, utcDayStart,
} from '../../src/core/calendar';

/** Days from 1901 to 2199 (fast-check's dates, read as UTC). */
const days = fc.date({ min: new Date('1901-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }).map(utcDay);
const hours = (ms: number) => ms / 3_600_000;

describe('days', () => {
  it('knows real calendar days', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2023-02-29')).toBe(false);
    expect(isDay('2026-11-31')).toBe(false);
    expect(isDay('2026-13-01')).toBe(false);
    expect(isDay('2026-1-01')).toBe(false);
    expect(isDay('0050-01-01')).toBe(false);
    expect(isDay(20260101)).toBe(false);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('adds days across months, years, leap days and DST changes', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('adding n then -n days gives the day back, and sums compose (property)', () => {
    fc.assert(
      fc.property(days, fc.integer({ min: -3000, max: 3000 }), fc.integer({ min: -3000, max: 3000 }), (day, a, b) => {
        expect(addDays(addDays(day, a), -a)).toBe(day);
        expect(addDays(addDays(day, a), b)).toBe(addDays(day, a + b));
        expect(utcDayStart(addDays(day, a)) - utcDayStart(day)).toBe(a * 86_400_000);
      }),
    );
  });
});

describe('ISO weeks', () => {
  it('returns the Monday of the ISO week, across month and year ends', () => {
    expect(startOfWeek('2026-11-22')).toBe('2026-11-16'); // a Sunday
    expect(startOfWeek('2026-11-16')).toBe('2026-11-16'); // a Monday
    expect(startOfWeek('2027-01-01')).toBe('2026-12-28');
    expect(startOfWeek('2024-03-03')).toBe('2024-02-26'); // leap year
    expect(isoWeekday('2026-11-22')).toBe(7);
  });

  it('numbers weeks at year boundaries', () => {
    expect(isoWeek('2026-11-23')).toEqual({ year: 2026, week: 48 });
    expect(isoWeek('2026-01-01')).toEqual({ year: 2026, week: 1 }); // a Thursday
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53 }); // a Friday: last week of 2026
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2026-11-16')).toBe('2026-W47');
    expect(daysOfIsoWeek('2026-W47')).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
    expect(daysOfIsoWeek('2020-W53')?.[0]).toBe('2020-12-28');
    expect(daysOfIsoWeek('2025-W53')).toBeNull(); // 2025 has 52 weeks
    expect(daysOfIsoWeek('2026-W00')).toBeNull();
    expect(daysOfIsoWeek('2026-47')).toBeNull();
  });

  it('puts Jan 1 and Dec 31 in the right week of every year (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1901, max: 2199 }), (year) => {
        const leap = isDay(`${year}-02-29`);
        const jan1 = isoWeekday(`${year}-01-01`);
        // A year has 53 weeks when it starts on a Thursday, or on a Wednesday in a leap year.
        const weeksIn = (y: number) => (isoWeekday(`${y}-01-01`) === 4 || (isDay(`${y}-02-29`) && isoWeekday(`${y}-01-01`) === 3) ? 53 : 52);
        expect(isoWeek(`${year}-01-01`)).toEqual(jan1 <= 4 ? { year, week: 1 } : { year: year - 1, week: weeksIn(year - 1) });
        const dec31 = isoWeekday(`${year}-12-31`);
        expect(isoWeek(`${year}-12-31`)).toEqual(dec31 >= 4 ? { year, week: weeksIn(year) } : { year: year + 1, week: 1 });
        expect(daysOfIsoWeek(`${year}-W53`) !== null).toBe(weeksIn(year) === 53);
        expect(leap).toBe(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
      }),
    );
  });

  it('every day lies in the week it names, Monday first (property)', () => {
    fc.assert(
      fc.property(days, (day) => {
        const week = daysOfIsoWeek(isoWeekOf(day));
        return week !== null && week.includes(day) && week[0] === startOfWeek(day) && isoWeekday(week[0]) === 1;
      }),
    );
  });
});

describe('local days in Europe/Stockholm', () => {
  const zone = process.env.TZ;
  beforeAll(() => { process.env.TZ = 'Europe/Stockholm'; });
  afterAll(() => { process.env.TZ = zone; });

  it('are 23 and 25 hours long on the DST changes', () => {
    expect(hours(localDayEnd('2026-03-29') - localDayStart('2026-03-29'))).toBe(23);
    expect(hours(localDayEnd('2026-10-25') - localDayStart('2026-10-25'))).toBe(25);
    expect(hours(localDayEnd('2026-11-28') - localDayStart('2026-11-28'))).toBe(24);
  });

  it('differ from the UTC day around midnight', () => {
    const lateEvening = new Date('2026-11-28T23:30:00Z'); // 00:30 on the 29th in Stockholm
    expect(utcDay(lateEvening)).toBe('2026-11-28');
    expect(localDay(lateEvening)).toBe('2026-11-29');
    expect(localDayStart('2026-11-29')).toBe(Date.parse('2026-11-28T23:00:00Z'));
    expect(localDayEnd('2026-07-01')).toBe(Date.parse('2026-07-01T22:00:00Z'));
  });

  it('start and end inside the day they name (property)', () => {
    fc.assert(
      fc.property(days, (day) => {
        expect(localDay(new Date(localDayStart(day)))).toBe(day);
        expect(localDay(new Date(localDayEnd(day) - 1))).toBe(day);
        expect(localDayEnd(day)).toBe(localDayStart(addDays(day, 1)));
      }),
    );
  });
});
