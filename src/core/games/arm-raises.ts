import { clamp01, type Body } from './body';
import { RepCounter, counterRules, smoothedFeature, type Rules } from './engine';
import type { GameMeta } from './types';

export const armRaisesMeta: GameMeta = {
  id: 'arm-raises',
  seatedFriendly: true,
  requiredKeypoints: ['left_shoulder', 'right_shoulder', 'left_wrist', 'right_wrist'],
  nameKey: 'game.arm-raises.name',
  instructionsKey: 'game.arm-raises.instructions',
  reports: [],
};

/** Wrist height above the shoulder in body units (shoulder widths): ≥ 0.9 is above the head. */
const UP = 0.9;
const DOWN = -0.5;
const MIN_REP_MS = 600;

/**
 * Per-arm elevation, or the last value seen when the wrist is not visible: seated at a desk the
 * hands often drop out of the frame at rest, which must read as "down", not as a dropout.
 */
export function armRaisesRules(): Rules {
  const counter = new RepCounter(MIN_REP_MS);
  const left = smoothedFeature(60);
  const right = smoothedFeature(60);
  let progress = 0;
  const arm = (w: Body['lw'], s: Body['ls'], f: typeof left, dt: number, unit: number): number | null => {
    if (w && s) return f.push((s.y - w.y) / unit, dt);
    return f.value; // hidden: keep the last seen elevation
  };
  return counterRules(counter, {
    playKeypoints: ['left_shoulder', 'right_shoulder'],
    calibrate() {
      left.reset();
      right.reset();
    },
    step(body, t, dt, unit) {
      if (!body) return counter.missing(t);
      const l = arm(body.lw, body.ls, left, dt, unit);
      const r = arm(body.rw, body.rs, right, dt, unit);
      if (l === null && r === null) return counter.missing(t);
      const es = [l, r].filter((e): e is number => e !== null);
      const lowest = Math.min(...es);
      const highest = Math.max(...es);
      // Both arms above the head; a wrist that left the top of the frame keeps its last (high) value.
      counter.update(t, lowest >= UP, highest <= DOWN);
      progress = clamp01((lowest - DOWN) / (UP - DOWN));
    },
    progress: () => progress,
  });
}
