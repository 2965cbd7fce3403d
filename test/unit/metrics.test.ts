import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isDay, startOfWeek } from '../../src/core/calendar';
import { currentStreak, longestStreak, MovementMeter, sumDaily } from '../../src/core/metrics';
import type { TraceFrame } from '../../src/core/trace';
import { loadSet } from './trace-helpers';

const meterPoints = (frames: readonly TraceFrame[]) => {
  const m = new MovementMeter();
  for (const f of frames) m.update(f.t, f.kp);
  return m.points;
};

const set = loadSet('synthetic');
// A short slice of an active trace keeps the property tests quick.
const sample = set.find((s) => s.file === 'squats-partial.json')!.trace.frames.slice(0, 300);

describe('movement points', () => {
  it('are invariant to body scale and position in the frame', () => {
    const base = meterPoints(sample);
    expect(base).toBeGreaterThan(5);
    fc.assert(
      fc.property(fc.double({ min: 0.4, max: 2.5, noNaN: true }), fc.double({ min: -300, max: 300, noNaN: true }), fc.double({ min: -300, max: 300, noNaN: true }), (k, dx, dy) => {
        const moved = sample.map((f) => ({ t: f.t, kp: f.kp && Array.from(f.kp, (v, i) => (i % 3 === 0 ? v * k + dx : i % 3 === 1 ? v * k + dy : v)) }));
        expect(meterPoints(moved)).toBeCloseTo(base, 6);
      }),
      { numRuns: 25 },
    );
  });

  it('never decrease and are never negative, whatever the input', () => {
    const kp = fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 51, maxLength: 51 });
    fc.assert(
      fc.property(fc.array(fc.option(kp, { nil: null }), { maxLength: 60 }), (poses) => {
        const m = new MovementMeter();
        let prev = { points: 0, activeSeconds: 0 };
        poses.forEach((p, i) => {
          m.update(i * 33, p && p.map((v, j) => (j % 3 === 2 ? Math.abs(v) / 1000 : v)));
          expect(m.points).toBeGreaterThanOrEqual(prev.points);
          expect(m.activeSeconds).toBeGreaterThanOrEqual(prev.activeSeconds);
          prev = { points: m.points, activeSeconds: m.activeSeconds };
        });
      }),
    );
  });

  it('a person standing or sitting still earns ~0', () => {
    for (const s of set.filter((x) => x.expected.still)) expect(meterPoints(s.trace.frames), s.file).toBeLessThan(2);
  });
});

describe('daily totals and streaks', () => {
  it('sums sessions per local date, sorted', () => {
    const days = sumDaily([
      { date: '2026-03-02', reps: 10, activeSeconds: 40.25, movementPoints: 100 },
      { date: '2026-03-01', reps: 3, activeSeconds: 10, movementPoints: 20 },
      { date: '2026-03-02', reps: 5, activeSeconds: 20.1, movementPoints: 50 },
    ]);
    expect(days).toEqual([
      { date: '2026-03-01', sessions: 1, reps: 3, activeSeconds: 10, movementPoints: 20 },
      { date: '2026-03-02', sessions: 2, reps: 15, activeSeconds: 60.4, movementPoints: 150 },
    ]);
    expect(() => sumDaily([{ date: '2026-02-30', reps: 1, activeSeconds: 1, movementPoints: 1 }])).toThrow(RangeError);
  });

  it('computes the current and longest streak', () => {
    const dates = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-05', '2026-03-06'];
    expect(currentStreak(dates, '2026-03-06')).toBe(2);
    expect(currentStreak(dates, '2026-03-07')).toBe(2); // today not done yet: streak still stands
    expect(currentStreak(dates, '2026-03-08')).toBe(0);
    expect(currentStreak(dates, '2026-03-04')).toBe(3);
    expect(longestStreak(dates)).toBe(3);
    expect(longestStreak([])).toBe(0);
  });

  it('streak properties: a run of n days has streak n; longest ≥ current', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20000 }), fc.integer({ min: 1, max: 60 }), fc.array(fc.integer({ min: -90, max: 0 })), (start, n, extra) => {
        const first = addDays('1990-01-01', start);
        const run = Array.from({ length: n }, (_, i) => addDays(first, i));
        const last = run[run.length - 1];
        expect(currentStreak(run, last)).toBe(n);
        expect(longestStreak(run)).toBe(n);
        const mixed = [...run, ...extra.map((d) => addDays(last, d))];
        expect(longestStreak(mixed)).toBeGreaterThanOrEqual(currentStreak(mixed, last));
      }),
    );
  });
});
