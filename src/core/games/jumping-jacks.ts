import { clamp01, median, type Body } from '../pose/body';
import { RepCounter, counterRules, smoothedFeature, type Rules } from './engine';
import type { GameMeta } from './types';

export const jumpingJacksMeta: GameMeta = {
  id: 'jumping-jacks',
  seatedFriendly: false,
  requiredKeypoints: ['left_shoulder', 'right_shoulder', 'left_wrist', 'right_wrist', 'left_ankle', 'right_ankle'],
  reports: [],
};

/**
 * Arm elevation: wrist height above the shoulder in body units. Real jumping jacks reach 0.8–1.1
 * overhead (the shoulders rise with the arms) and hang at −1.1…−1.5; arms held out sideways sit
 * near 0.
 */
const ARMS_OPEN = 0.5;
const ARMS_CLOSED = -0.3;
/** Extra ankle spread beyond the closed stance, in body units (real jacks open by 1.2–1.9). */
const LEGS_OPEN = 0.55;
const LEGS_CLOSED = 0.35;
/** Feet further apart than this (body units) are not a closed stance: calibration waits. */
const STANCE_MAX = 1.0;
/** Real jacks take 0.5–0.8 s per cycle, most of it away from the closed stance. */
const MIN_MOVE_MS = 200;
export const MIN_CYCLE_MS = 400;
/** The closed stance follows feet that come closer than it at once, and drifts slowly otherwise. */
const STANCE_DOWN_MS = 300;
const STANCE_DRIFT_MS = 10_000;

/** Lowest (`min`) or highest (`max`) wrist elevation of the two arms; either arm alone when one is hidden. */
export function armElevation(b: Body, unit: number, pick: 'min' | 'max'): number | null {
  const l = b.lw && b.ls ? (b.ls.y - b.lw.y) / unit : null;
  const r = b.rw && b.rs ? (b.rs.y - b.rw.y) / unit : null;
  if (l === null) return r;
  if (r === null) return l;
  return pick === 'min' ? Math.min(l, r) : Math.max(l, r);
}

const spread = (b: Body, unit: number): number | null => (b.la && b.ra ? Math.abs(b.la.x - b.ra.x) / unit : null);

export function jumpingJacksRules(): Rules {
  const counter = new RepCounter(MIN_MOVE_MS, MIN_CYCLE_MS);
  const armsLow = smoothedFeature(50);
  const armsHigh = smoothedFeature(50);
  const legs = smoothedFeature(50);
  let stance = 0;
  let progress = 0;
  const open = (lo: number, l: number) => lo >= ARMS_OPEN && l >= LEGS_OPEN;
  return counterRules(counter, {
    playKeypoints: ['left_shoulder', 'right_shoulder', 'left_ankle', 'right_ankle'],
    restNeed(b, unit) {
      const hi = armElevation(b, unit, 'max');
      const sp = spread(b, unit);
      if (hi === null || hi > ARMS_CLOSED) return 'arms-down';
      if (sp === null || sp > STANCE_MAX) return 'feet-together';
      return null;
    },
    calibrate(bodies, unit) {
      stance = median(bodies.map((b) => spread(b, unit) ?? NaN));
    },
    start(b, unit) {
      const lo = armElevation(b, unit, 'min');
      const sp = spread(b, unit);
      counter.start(lo !== null && sp !== null && open(lo, sp - stance));
    },
    step(body, t, dt, unit) {
      const lo = body && armElevation(body, unit, 'min');
      const hi = body && armElevation(body, unit, 'max');
      const sp = body && spread(body, unit);
      if (!body || lo === null || hi === null || sp === null) return counter.missing(t);
      const aLo = armsLow.push(lo, dt);
      const aHi = armsHigh.push(hi, dt);
      const s = legs.push(sp, dt);
      // A stance taken with the feet apart corrects itself as soon as they come closer.
      if (s < stance) stance += (1 - Math.exp(-dt / STANCE_DOWN_MS)) * (s - stance);
      else if (counter.stage === 'rest' && s - stance < LEGS_CLOSED) stance += (1 - Math.exp(-dt / STANCE_DRIFT_MS)) * (s - stance);
      const l = s - stance;
      const arms = clamp01((aLo - ARMS_CLOSED) / (ARMS_OPEN - ARMS_CLOSED));
      const legsP = clamp01((l - LEGS_CLOSED) / (LEGS_OPEN - LEGS_CLOSED));
      progress = Math.min(arms, clamp01(l / LEGS_OPEN));
      // Open = both arms up AND legs apart; closed = both arms down AND legs together.
      counter.update(t, open(aLo, l), aHi <= ARMS_CLOSED && l <= LEGS_CLOSED, Math.min(arms, legsP), arms < legsP ? 'higher' : 'wider');
    },
    progress: () => progress,
  });
}
