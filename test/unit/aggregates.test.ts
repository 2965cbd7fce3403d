import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { METRICS, UPLOAD_LIMITS, addDays, clipValue, clipValues, daysOfIsoWeek, isDay, isoWeekOf } from '../../src/core/aggregates';

describe('aggregate upload rules', () => {
  it('clips to the range and rounds to integers', () => {
    expect(clipValue('activeMinutes', 12.4)).toBe(12);
    expect(clipValue('activeMinutes', 12.5)).toBe(13);
    expect(clipValue('activeMinutes', -3)).toBe(0);
    expect(clipValue('activeMinutes', 5000)).toBe(120);
    expect(clipValue('reps', Number.NaN)).toBe(0);
    expect(clipValue('movementPoints', Number.POSITIVE_INFINITY)).toBe(0);
    expect(clipValues({ activeMinutes: 1e9, reps: 1e9, movementPoints: 1e9 })).toEqual({ activeMinutes: 120, reps: 2_000, movementPoints: 20_000 });
  });

  it('always yields an integer inside the range (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...METRICS), fc.double(), (metric, value) => {
        const v = clipValue(metric, value);
        return Number.isSafeInteger(v) && v >= UPLOAD_LIMITS[metric].min && v <= UPLOAD_LIMITS[metric].max;
      }),
    );
  });
});

describe('days and ISO weeks', () => {
  it('knows real calendar days', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2023-02-29')).toBe(false);
    expect(isDay('2026-11-31')).toBe(false);
    expect(isDay('2026-1-01')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('computes ISO weeks at year boundaries', () => {
    expect(isoWeekOf('2026-11-16')).toBe('2026-W47');
    expect(isoWeekOf('2026-11-22')).toBe('2026-W47');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(daysOfIsoWeek('2026-W47')).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
    expect(daysOfIsoWeek('2020-W53')?.[0]).toBe('2020-12-28');
    expect(daysOfIsoWeek('2025-W53')).toBeNull(); // 2025 has 52 weeks
    expect(daysOfIsoWeek('2026-W00')).toBeNull();
    expect(daysOfIsoWeek('2026-47')).toBeNull();
  });

  it('every day lies in the week it names, Monday first (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }), (date) => {
        const day = date.toISOString().slice(0, 10);
        const days = daysOfIsoWeek(isoWeekOf(day));
        return days !== null && days.includes(day) && new Date(`${days[0]}T00:00:00Z`).getUTCDay() === 1;
      }),
    );
  });
});
