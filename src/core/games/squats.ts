import { clamp01, median, meanPt, type Body } from '../pose/body';
import { RepCounter, counterRules, smoothedFeature, type Rules } from './engine';
import type { GameMeta } from './types';

export const squatsMeta: GameMeta = {
  id: 'squats',
  seatedFriendly: false,
  requiredKeypoints: ['left_shoulder', 'right_shoulder', 'left_hip', 'right_hip', 'left_knee', 'right_knee'],
  reports: [],
};

/**
 * The feature is the thigh's height on screen: (knee y − hip y) in body units. Standing it is about
 * one shoulder width (0.85–1.3 in real people, seen front or side); at a squat's bottom the hips
 * reach the knees (≈ 0–0.3). Depth = 1 − thigh / standing thigh, with the standing value learned at
 * calibration and corrected during play. It needs no torso length, which a forward lean shrinks.
 */
const ENTER = 0.5;
const EXIT = 0.25;
/** A thigh shorter than this (body units) is not standing: calibration waits for "stand up". */
const STANDING_MIN = 0.6;
/** Shoulders this close to hip height (body units) are bent over, not squatting. */
const BENT_OVER = 0.3;
/** Shins this short on screen (knee near ankle height) are kneeling or sitting on the floor. */
const KNEELING = 0.35;
/** A squat spends at least this long below the standing band; one rep ends ≥ MIN_CYCLE_MS after the last. */
const MIN_MOVE_MS = 350;
export const MIN_CYCLE_MS = 600;
/** The standing reference rises quickly when the person stands taller than it, and drifts slowly. */
const REF_UP_MS = 400;
const REF_DRIFT_MS = 8000;

export function thigh(b: Body, unit: number): number | null {
  const hip = b.hips;
  const knee = meanPt(b.lk, b.rk);
  if (!hip || !knee) return null;
  return (knee.y - hip.y) / unit;
}

/** Postures that bring the hips down without being a squat: bent over to the floor, kneeling. */
function notASquat(b: Body, unit: number): boolean {
  if (b.shoulders && b.hips && (b.hips.y - b.shoulders.y) / unit < BENT_OVER) return true;
  const knee = meanPt(b.lk, b.rk);
  const ankle = meanPt(b.la, b.ra);
  return !!(knee && ankle && (ankle.y - knee.y) / unit < KNEELING);
}

export function squatsRules(): Rules {
  const counter = new RepCounter(MIN_MOVE_MS, MIN_CYCLE_MS);
  const f = smoothedFeature(70);
  let ref = 1;
  let depth = 0;
  const progressOf = (d: number) => clamp01((d - EXIT) / (ENTER - EXIT));
  return counterRules(counter, {
    playKeypoints: ['left_shoulder', 'right_shoulder', 'left_hip', 'right_hip', 'left_knee', 'right_knee'],
    restNeed(b, unit) {
      const v = thigh(b, unit);
      return v !== null && v >= STANDING_MIN ? null : 'stand-up';
    },
    calibrate(bodies, unit) {
      ref = median(bodies.map((b) => thigh(b, unit) ?? NaN));
    },
    start(b, unit) {
      const v = thigh(b, unit);
      counter.start(v !== null && 1 - v / ref >= ENTER && !notASquat(b, unit));
    },
    step(body, t, dt, unit) {
      const raw = body && thigh(body, unit);
      if (raw === null || raw === undefined) return counter.missing(t);
      const v = f.push(raw, dt);
      // A reference taken half-crouched corrects itself as soon as the person stands taller.
      if (v > ref) ref += (1 - Math.exp(-dt / REF_UP_MS)) * (v - ref);
      else if (counter.stage === 'rest' && 1 - v / ref < EXIT) ref += (1 - Math.exp(-dt / REF_DRIFT_MS)) * (v - ref);
      depth = 1 - v / ref;
      const enter = depth >= ENTER && !notASquat(body!, unit);
      counter.update(t, enter, depth <= EXIT, progressOf(depth), 'lower');
    },
    progress: () => clamp01(depth / ENTER),
  });
}
