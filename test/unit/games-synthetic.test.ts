import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/core/metrics';
import { durationS, loadSet } from './trace-helpers';

// Every synthetic trace (kinematic body model, scripts/gen-traces.ts) must give its exact count.
const set = loadSet('synthetic');

describe('games on synthetic traces', () => {
  it.each(set.map((s) => [s.file, s] as const))('%s', (_file, { expected, trace }) => {
    const got = summarize(trace, expected.game, expected.seed ?? 1);
    expect(got.reps, expected.note).toBe(expected.reps);
    expect(got.frames).toBe(trace.frames.length);
    if (expected.hits !== undefined) expect(got.hits).toBe(expected.hits);
    if (expected.holdSeconds !== undefined) {
      // Hold time from the noise-free bend angle; the game sees smoothed noisy shoulders.
      expect(Math.abs(got.holdSeconds! - expected.holdSeconds)).toBeLessThanOrEqual(Math.max(1, 0.1 * expected.holdSeconds));
    }
  });

  it('covers every game with partial reps and a still person', () => {
    const games = new Set(set.map((s) => s.expected.game));
    expect(games.size).toBe(5);
    expect(set.some((s) => s.file.includes('partial'))).toBe(true);
    expect(set.filter((s) => s.expected.still).length).toBeGreaterThanOrEqual(3);
  });

  it('a still person gets 0 reps, ~0 active seconds and ≤ 5% of the movement points of an active session of the same length', () => {
    for (const still of set.filter((s) => s.expected.still)) {
      const s = summarize(still.trace, still.expected.game, still.expected.seed ?? 1);
      expect(s.reps).toBe(0);
      expect(s.activeSeconds).toBeLessThanOrEqual(1);
      // Active sessions of the same game family, scaled to the still trace's duration.
      const active = set.filter((a) => !a.expected.still && a.expected.game === still.expected.game);
      for (const a of active) {
        const pa = summarize(a.trace, a.expected.game, a.expected.seed ?? 1).movementPoints;
        const sameLength = (pa * durationS(still.trace)) / durationS(a.trace);
        expect(s.movementPoints, `${still.file} vs ${a.file}`).toBeLessThanOrEqual(0.05 * sameLength);
      }
    }
  });

  it('a minute of squats earns roughly 100-200 movement points; active time tracks the exercise', () => {
    for (const a of set.filter((s) => s.expected.game === 'squats' && !s.expected.still)) {
      const s = summarize(a.trace, 'squats');
      const perMinute = (s.movementPoints / durationS(a.trace)) * 60;
      expect(perMinute, a.file).toBeGreaterThan(80);
      expect(perMinute, a.file).toBeLessThan(250);
      expect(s.activeSeconds).toBeGreaterThan(0.7 * durationS(a.trace));
    }
  });
});

describe('the synthetic webcam is as flawed as a real one', () => {
  it('each keypoint is below the score threshold in about 3 % of frames, in short runs', () => {
    // Standing people in plain view (seated hips and legs are under the desk; 'close' hands leave the frame).
    const standing = set.filter((s) => s.expected.note.startsWith('standing') && !/noisy|close/.test(s.file));
    const low = new Array<number>(17).fill(0);
    let frames = 0;
    let runs = 0;
    let lowFrames = 0;
    for (const { trace } of standing) {
      const prevLow = new Array<boolean>(17).fill(false);
      for (const f of trace.frames) {
        if (!f.kp) continue;
        frames++;
        for (let i = 0; i < 17; i++) {
          const isLow = f.kp[i * 3 + 2] < 0.3;
          if (isLow) low[i]++;
          if (isLow && !prevLow[i]) runs++;
          if (isLow) lowFrames++;
          prevLow[i] = isLow;
        }
      }
    }
    // Shoulders and hips flicker least, wrists and ankles most (motion blur); all are in 1.5–7 %.
    const rates = low.map((n) => n / frames);
    for (const i of [5, 6, 9, 10, 11, 12, 15, 16]) {
      expect(rates[i], `keypoint ${i}`).toBeGreaterThan(0.015);
      expect(rates[i], `keypoint ${i}`).toBeLessThan(0.07);
    }
    expect(lowFrames / runs).toBeGreaterThan(1.3); // runs, not single frames
    expect(lowFrames / runs).toBeLessThan(3);
  });
});
