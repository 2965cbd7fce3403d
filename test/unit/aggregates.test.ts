import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysOfIsoWeek, isDay, isoWeekOf } from '../../src/core/calendar';
import { METRICS, UPLOAD_LIMITS, clipValue, clipValues } from '../../src/core/aggregates';

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
