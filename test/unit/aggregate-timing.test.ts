/**
 * The client's timing rules (issue 12) with fake clocks and fake randomness: uploads at their own
 * moments, never at app start, never near an identified request, never in a burst; unbiased
 * randomized rounding; key pinning refuses a changed (personal) key.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  OVERDUE_DELAY_MS, QUIET_MS, UPLOAD_GAP_MS, between, mayIdentify, mayUpload, pinKeys, planSendAt, randomizedRound, type TrafficState,
} from '../../src/core/aggregates/timing';

const MINUTE = 60_000;
/** A deterministic stand-in for the CSPRNG (fake randomness, like a fake clock). */
function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe('when an upload may go', () => {
  it('an upload overdue at app start gets a fresh random delay, never the start itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 86_400_000 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (overdueBy, r) => {
        const start = 1_800_000_000_000;
        const at = planSendAt(start - overdueBy, start, start, () => r);
        expect(at).toBeGreaterThanOrEqual(start + OVERDUE_DELAY_MS.min);
        expect(at).toBeLessThan(start + OVERDUE_DELAY_MS.max);
      }),
    );
  });

  it('an upload due later in the session keeps its own drawn moment', () => {
    const start = 1_800_000_000_000;
    expect(planSendAt(start + 3 * 3_600_000, start, start, () => 0.5)).toBe(start + 3 * 3_600_000);
    // Due only a minute after start: too close to the start, so it is moved like an overdue one.
    expect(planSendAt(start + MINUTE, start, start, () => 0)).toBe(start + OVERDUE_DELAY_MS.min);
  });

  it('never within QUIET_MS of an identified request, never closer than the drawn gap to the previous upload', () => {
    const state: TrafficState = { lastIdentifiedAt: 0, lastUploadAt: -Infinity, gapMs: 0 };
    expect(mayUpload(QUIET_MS - 1, 0, state)).toBe(false);
    expect(mayUpload(QUIET_MS, 0, state)).toBe(true);
    expect(mayUpload(QUIET_MS, QUIET_MS + 1, state)).toBe(false); // its moment has not come
    const after = { lastIdentifiedAt: -Infinity, lastUploadAt: 100 * MINUTE, gapMs: 5 * MINUTE };
    expect(mayUpload(104 * MINUTE, 0, after)).toBe(false);
    expect(mayUpload(105 * MINUTE, 0, after)).toBe(true);
    // The scheduled token refresh keeps its distance from uploads too.
    expect(mayIdentify(100 * MINUTE + QUIET_MS - 1, after)).toBe(false);
    expect(mayIdentify(100 * MINUTE + QUIET_MS, after)).toBe(true);
  });

  it('a simulated session (fake clock, 30 s ticks): three overdue uploads and identified calls never sit together', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const random = seeded(seed);
      const start = 1_800_000_000_000;
      const state: TrafficState = { lastIdentifiedAt: start, lastUploadAt: -Infinity, gapMs: 0 }; // signed-in calls at start
      const identified = [start, start + 40 * MINUTE, start + 41 * MINUTE]; // the user opens the teams view later
      const plans = [0, 1, 2].map(() => planSendAt(start - 3_600_000, start, start, random));
      const sent: number[] = [];
      for (let now = start; now < start + 8 * 3_600_000; now += 30_000) {
        for (const t of identified) if (t <= now && t > now - 30_000) state.lastIdentifiedAt = t;
        const next = plans.map((at, i) => ({ at, i })).filter((p) => !sent.includes(p.i)).sort((a, b) => a.at - b.at)[0];
        if (next && mayUpload(now, next.at, state)) {
          sent.push(next.i);
          state.lastUploadAt = now;
          state.gapMs = between(UPLOAD_GAP_MS, random);
          plans[next.i] = now;
        }
      }
      expect(sent).toHaveLength(3);
      const times = sent.map((i) => plans[i]).sort((a, b) => a - b);
      expect(times[0] - start).toBeGreaterThanOrEqual(OVERDUE_DELAY_MS.min);
      for (const t of times) for (const id of identified.filter((x) => x <= t)) expect(t - id).toBeGreaterThanOrEqual(QUIET_MS);
      for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(UPLOAD_GAP_MS.min);
    }
  });
});

describe('randomized rounding', () => {
  it('gives floor or ceil, and is unbiased', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (x, r) => {
        const v = randomizedRound(x, () => r);
        expect(v === Math.floor(x) || v === Math.ceil(x)).toBe(true);
      }),
    );
    const random = seeded(7);
    let sum = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) sum += randomizedRound(2.5, random);
    expect(Math.abs(sum / n - 2.5)).toBeLessThan(0.02);
  });

  it('two teams of one person rarely get the same tuple (independent draws per upload)', () => {
    const random = seeded(11);
    const day = { activeMinutes: 7.4, reps: 23.5, movementPoints: 310.6 };
    let same = 0;
    for (let i = 0; i < 1000; i++) {
      const a = [randomizedRound(day.activeMinutes, random), randomizedRound(day.reps, random), randomizedRound(day.movementPoints, random)];
      const b = [randomizedRound(day.activeMinutes, random), randomizedRound(day.reps, random), randomizedRound(day.movementPoints, random)];
      if (a.join() === b.join()) same++;
    }
    // P(equal) = (0.4²+0.6²)(0.5²+0.5²)(0.6²+0.4²) ≈ 0.135
    expect(same).toBeGreaterThan(80);
    expect(same).toBeLessThan(200);
  });
});

describe('key pinning', () => {
  const list = [
    { team: 'A', day: '2026-11-20', publicKey: 'k1' },
    { team: 'A', day: '2026-11-21', publicKey: 'k2' },
  ];

  it('pins keys the first time and refuses a changed (e.g. personal) key', () => {
    const first = pinKeys({}, list, '2026-11-17');
    expect(first).toEqual({ pinned: { 'A|2026-11-20': 'k1', 'A|2026-11-21': 'k2' }, changed: [] });
    const personal = pinKeys(first.pinned, [{ ...list[0], publicKey: 'mine-only' }, list[1]], '2026-11-17');
    expect(personal.changed).toEqual(['A|2026-11-20']);
    expect(personal.pinned['A|2026-11-20']).toBe('k1'); // the first key stays
  });

  it('forgets pins of days no longer uploadable', () => {
    const { pinned } = pinKeys({ 'A|2026-11-01': 'old' }, list, '2026-11-17');
    expect(pinned['A|2026-11-01']).toBeUndefined();
  });
});
