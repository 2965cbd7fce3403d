import { clamp01, median, type Body } from './body';
import { RepCounter, counterRules, smoothedFeature, type Rules } from './engine';
import type { GameMeta } from './types';

export const jumpingJacksMeta: GameMeta = {
  id: 'jumping-jacks',
  seatedFriendly: false,
  requiredKeypoints: ['left_shoulder', 'right_shoulder', 'left_wrist', 'right_wrist', 'left_ankle', 'right_ankle'],
  nameKey: 'game.jumping-jacks.name',
  instructionsKey: 'game.jumping-jacks.instructions',
  reports: [],
};

/** Arm elevation in body units: wrist height above the shoulder / body unit (≈ +1.5 overhead, −1.5 down). */
const ARMS_OPEN = 0.8;
const ARMS_CLOSED = -0.3;
/** Extra ankle spread beyond the calibrated stance, in body units. */
const LEGS_OPEN = 0.5;
const LEGS_CLOSED = 0.3;
const MIN_REP_MS = 400;

/** Lower of the two wrists: both arms must go up. */
export function armElevation(b: Body, unit: number, pick: 'min' | 'max'): number | null {
  const e: number[] = [];
  if (b.lw && b.ls) e.push((b.ls.y - b.lw.y) / unit);
  if (b.rw && b.rs) e.push((b.rs.y - b.rw.y) / unit);
  if (!e.length) return null;
  return pick === 'min' ? Math.min(...e) : Math.max(...e);
}

const spread = (b: Body): number | null => (b.la && b.ra ? Math.abs(b.la.x - b.ra.x) : null);

export function jumpingJacksRules(): Rules {
  const counter = new RepCounter(MIN_REP_MS);
  const armsLow = smoothedFeature(50);
  const armsHigh = smoothedFeature(50);
  const legs = smoothedFeature(50);
  let stance = 0;
  let progress = 0;
  return counterRules(counter, {
    playKeypoints: ['left_shoulder', 'right_shoulder', 'left_ankle', 'right_ankle'],
    calibrate(bodies, unit) {
      stance = median(bodies.map((b) => (spread(b) ?? NaN) / unit));
    },
    step(body, t, dt, unit) {
      const lo = body && armElevation(body, unit, 'min');
      const hi = body && armElevation(body, unit, 'max');
      const sp = body && spread(body);
      if (!body || lo === null || hi === null || sp === null) return counter.missing(t);
      const aLo = armsLow.push(lo, dt);
      const aHi = armsHigh.push(hi, dt);
      const l = legs.push(sp / unit - stance, dt);
      if (counter.stage === 'rest' && l < LEGS_CLOSED) stance += (1 - Math.exp(-dt / 10_000)) * l;
      // Open = both arms up AND legs apart; closed = both arms down AND legs together.
      counter.update(t, aLo >= ARMS_OPEN && l >= LEGS_OPEN, aHi <= ARMS_CLOSED && l <= LEGS_CLOSED);
      progress = Math.min(clamp01((aLo - ARMS_CLOSED) / (ARMS_OPEN - ARMS_CLOSED)), clamp01(l / LEGS_OPEN));
    },
    progress: () => progress,
  });
}
