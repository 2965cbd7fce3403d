import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GAME_IDS } from '../../src/core/games';
import { sumDaily } from '../../src/core/metrics';
import { pointsFromTravel, POINTS_PER_UNIT } from '../../src/core/metrics/movement';
import { breaksOnly, isBreak, workDone } from '../../src/core/play';
import { beatsBest, bestOf, checkedBests, correctBreak, correctionLimits, measuredOf, type BreakRecord } from '../../src/core/play/correction';

const squats = (over: Partial<BreakRecord> = {}): BreakRecord & { date: string } => ({
  game: 'squats', durationSeconds: 60, reps: 10, activeSeconds: 40, movementPoints: 120, date: '2026-11-20', ...over,
});

/** A stored break as the game could have produced it. */
const breakArb: fc.Arbitrary<BreakRecord> = fc
  .record({
    game: fc.constantFrom(...GAME_IDS),
    durationSeconds: fc.integer({ min: 200, max: 1800 }).map((d) => d / 10),
    work: fc.integer({ min: 1, max: 40 }),
    activeSeconds: fc.integer({ min: 0, max: 600 }).map((a) => a / 10),
    movementPoints: fc.integer({ min: 0, max: 600 }),
  })
  .map(({ game, durationSeconds, work, activeSeconds, movementPoints }) => {
    const r: BreakRecord = { game, durationSeconds, reps: work, activeSeconds: Math.min(activeSeconds, durationSeconds), movementPoints };
    if (game === 'reach') r.hits = work;
    if (game === 'side-bend') {
      r.holdSeconds = Math.min(work, durationSeconds);
      r.reps = Math.floor(r.holdSeconds / 4);
    }
    return r;
  });

describe('correcting a break', () => {
  it('sets the count in the game unit; points follow the measured travel per rep through the meter function', () => {
    const result = correctBreak(squats(), { count: 15, activeSeconds: 45 }, 1000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record).toMatchObject({ reps: 15, activeSeconds: 45, movementPoints: 180, date: '2026-11-20' });
    expect(result.record.movementPoints).toBe(Math.round(pointsFromTravel((120 / POINTS_PER_UNIT / 10) * 15)));
    expect(result.record.corrected).toEqual({ at: 1000, measured: { reps: 10, activeSeconds: 40, movementPoints: 120 } });
  });

  it('reach: hits and reps move together; side-bend: seconds held, completed holds capped by them', () => {
    const reach = correctBreak({ game: 'reach', durationSeconds: 60, reps: 8, hits: 8, activeSeconds: 30, movementPoints: 80 }, { count: 4, activeSeconds: 30 }, 1);
    expect(reach.ok && reach.record).toMatchObject({ reps: 4, hits: 4, movementPoints: 40 });
    const bend = correctBreak({ game: 'side-bend', durationSeconds: 60, reps: 3, holdSeconds: 14.2, activeSeconds: 10, movementPoints: 30 }, { count: 5, activeSeconds: 10 }, 1);
    expect(bend.ok && bend.record).toMatchObject({ holdSeconds: 5, reps: 1 });
    const more = correctBreak({ game: 'side-bend', durationSeconds: 60, reps: 3, holdSeconds: 14.2, activeSeconds: 10, movementPoints: 30 }, { count: 40, activeSeconds: 10 }, 1);
    expect(more.ok && more.record).toMatchObject({ holdSeconds: 40, reps: 3 });
  });

  it('refuses what the game could not have produced, and what would not be a break', () => {
    const record = squats();
    const limits = correctionLimits(record);
    // 60 s played + 3 s countdown at one squat per 600 ms at most.
    expect(limits.count).toEqual({ min: 1, max: 106, step: 1 });
    expect(limits.activeSeconds).toEqual({ min: 0, max: 63 });
    expect(correctBreak(record, { count: 0, activeSeconds: 40 }, 1)).toMatchObject({ ok: false, problem: 'count-too-low' });
    expect(correctBreak(record, { count: 107, activeSeconds: 40 }, 1)).toMatchObject({ ok: false, problem: 'count-too-high' });
    expect(correctBreak(record, { count: 5, activeSeconds: 63.1 }, 1)).toMatchObject({ ok: false, problem: 'active-too-high' });
    expect(correctBreak(record, { count: 5, activeSeconds: -1 }, 1)).toMatchObject({ ok: false, problem: 'active-too-low' });
    expect(correctBreak(record, { count: Number.NaN, activeSeconds: 1 }, 1)).toMatchObject({ ok: false, problem: 'count-not-a-number' });
    expect(correctionLimits({ game: 'side-bend', durationSeconds: 30, reps: 0, holdSeconds: 3, activeSeconds: 5, movementPoints: 4 }).count).toEqual({ min: 1, max: 33, step: 0.1 });
    expect(correctionLimits({ game: 'reach', durationSeconds: 30, reps: 2, hits: 2, activeSeconds: 5, movementPoints: 4 }).count.max).toBe(83);
  });

  it('a second correction starts from what was measured; setting it back removes the mark', () => {
    const first = correctBreak(squats(), { count: 15, activeSeconds: 40 }, 1);
    if (!first.ok) throw new Error('refused');
    const second = correctBreak(first.record, { count: 5, activeSeconds: 40 }, 2);
    expect(second.ok && second.record).toMatchObject({ reps: 5, movementPoints: 60, corrected: { at: 2, measured: { reps: 10, movementPoints: 120 } } });
    const back = correctBreak(first.record, { count: 10, activeSeconds: 40 }, 3);
    expect(back.ok && back.record).toEqual(squats());
  });

  it('properties: within bounds it is a break, derived totals follow, measured is kept, the measured values are always allowed', () => {
    fc.assert(
      fc.property(breakArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (record, a, b) => {
        const limits = correctionLimits(record);
        const count = limits.count.min + a * (limits.count.max - limits.count.min);
        const active = b * limits.activeSeconds.max;
        const result = correctBreak(record, { count, activeSeconds: active }, 7);
        if (!result.ok) return false;
        const fixed = result.record;
        // Still a break, with the count in the game's unit as entered (rounded to its step).
        expect(isBreak(fixed)).toBe(true);
        const work = workDone(fixed);
        expect(work.value).toBeCloseTo(limits.unit === 'holdSeconds' ? Math.round(count * 10) / 10 : Math.round(count), 6);
        expect(Number.isInteger(fixed.movementPoints)).toBe(true);
        // The day total is the sum of what is stored (nothing cached beside it).
        const day = sumDaily([{ ...fixed, date: '2026-11-20' }])[0];
        expect(day).toMatchObject({ reps: fixed.reps, movementPoints: fixed.movementPoints, activeSeconds: fixed.activeSeconds });
        // What the game measured survives any number of corrections.
        expect(measuredOf(fixed)).toEqual(measuredOf(record));
        // The measured values are always a valid correction, and restore the record.
        const m = measuredOf(record);
        const again = correctBreak(fixed, { count: workDone({ ...m, game: record.game, durationSeconds: 0 }).value, activeSeconds: m.activeSeconds }, 8);
        expect(again.ok && again.record).toEqual(record);
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('property: more work never lowers the movement points (monotone in the count)', () => {
    fc.assert(
      fc.property(breakArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (record, a, b) => {
        const limits = correctionLimits(record);
        const [lo, hi] = [a, b].sort((x, y) => x - y).map((f) => limits.count.min + f * (limits.count.max - limits.count.min));
        const low = correctBreak(record, { count: lo, activeSeconds: record.activeSeconds }, 1);
        const high = correctBreak(record, { count: hi, activeSeconds: record.activeSeconds }, 1);
        return low.ok && high.ok && high.record.movementPoints >= low.record.movementPoints;
      }),
      { numRuns: 300 },
    );
  });

  it('out-of-range input is refused, never clamped into a stored value', () => {
    fc.assert(
      fc.property(breakArb, fc.double({ min: 1.01, max: 100, noNaN: true }), (record, factor) => {
        const limits = correctionLimits(record);
        const result = correctBreak(record, { count: limits.count.max * factor + 1, activeSeconds: record.activeSeconds }, 1);
        return !result.ok && result.problem === 'count-too-high';
      }),
    );
  });
});

describe('personal bests', () => {
  it('more reps, then more points; a first best needs a rep; the earliest wins a tie', () => {
    expect(beatsBest({ reps: 0, movementPoints: 50 }, null)).toBe(false);
    expect(beatsBest({ reps: 3, movementPoints: 5 }, { reps: 2, movementPoints: 90 })).toBe(true);
    expect(beatsBest({ reps: 3, movementPoints: 5 }, { reps: 3, movementPoints: 5 })).toBe(false);
    const list = [{ id: 'a', reps: 3, movementPoints: 9 }, { id: 'b', reps: 3, movementPoints: 9 }, { id: 'c', reps: 1, movementPoints: 99 }];
    expect(bestOf(list)?.id).toBe('a');
    expect(bestOf([{ reps: 0, movementPoints: 9 }])).toBeNull();
  });
});

describe('sessions stored by earlier versions (issue 11)', () => {
  const stored = [
    { id: 'ok', game: 'squats' as const, startedAt: 3, date: '2026-11-20', durationSeconds: 60, reps: 4, activeSeconds: 30, movementPoints: 50 },
    { id: 'zero', game: 'arm-raises' as const, startedAt: 1, date: '2026-11-20', durationSeconds: 60, reps: 0, activeSeconds: 3, movementPoints: 9 },
    { id: 'short', game: 'squats' as const, startedAt: 2, date: '2026-11-20', durationSeconds: 6, reps: 9, activeSeconds: 5, movementPoints: 70 },
  ];

  it('only breaks by today\'s rule are read back: totals and streak days never see the others', () => {
    expect(breaksOnly(stored).map((s) => s.id)).toEqual(['ok']);
    expect(sumDaily(breaksOnly(stored))).toEqual([{ date: '2026-11-20', sessions: 1, reps: 4, activeSeconds: 30, movementPoints: 50 }]);
  });

  it('a best kept from a non-break gives way to the best stored break; a best whose break is gone stands', () => {
    const bestFrom = (s: (typeof stored)[number]) => ({ game: s.game, reps: s.reps, movementPoints: s.movementPoints, sessionId: s.id, date: s.date });
    const bests = checkedBests([bestFrom(stored[2]), { game: 'reach' as const, reps: 5, movementPoints: 1, sessionId: 'purged', date: '2026-01-01' }], stored, bestFrom);
    expect(bests.get('squats')?.sessionId).toBe('ok');
    expect(bests.get('reach')?.sessionId).toBe('purged');
    expect(checkedBests([bestFrom(stored[1])], stored, bestFrom).has('arm-raises')).toBe(false);
  });
});
