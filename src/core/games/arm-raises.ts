import { clamp01, type Body } from '../pose/body';
import { RepCounter, counterRules, smoothedFeature, type Rules } from './engine';
import type { GameMeta } from './types';

export const armRaisesMeta: GameMeta = {
  id: 'arm-raises',
  seatedFriendly: true,
  requiredKeypoints: ['left_shoulder', 'right_shoulder', 'left_wrist', 'right_wrist'],
  reports: [],
};

/**
 * Wrist height above the shoulder in body units (shoulder widths). Hands above the head read
 * 0.6–1.1 in real people (less with bent elbows, and the shoulders rise with the arms); arms held
 * out sideways or circling at shoulder height stay within ±0.4; hanging arms read about −1.3.
 */
const UP = 0.6;
const DOWN = -0.35;
/** Brisk real raises take 0.5–0.8 s per cycle, most of it away from the hanging arms. */
const MIN_MOVE_MS = 200;
export const MIN_CYCLE_MS = 400;

/**
 * Per-arm elevation, or the last value seen when the wrist is not visible: seated at a desk the
 * hands often drop out of the frame at rest, which must read as "down", not as a dropout.
 */
export function armRaisesRules(): Rules {
  const counter = new RepCounter(MIN_MOVE_MS, MIN_CYCLE_MS);
  const left = smoothedFeature(60);
  const right = smoothedFeature(60);
  let progress = 0;
  const arm = (w: Body['lw'], s: Body['ls'], f: typeof left, dt: number, unit: number): number | null => {
    if (w && s) return f.push((s.y - w.y) / unit, dt);
    return f.value; // hidden: keep the last seen elevation
  };
  const elevations = (b: Body, unit: number) =>
    [b.lw && b.ls && (b.ls.y - b.lw.y) / unit, b.rw && b.rs && (b.rs.y - b.rw.y) / unit].filter((e): e is number => typeof e === 'number');
  return counterRules(counter, {
    playKeypoints: ['left_shoulder', 'right_shoulder'],
    // The game learns no reference, so any posture but a raised arm will do to start (hidden
    // wrists too: below the desk or the frame); an arm already up would be half a rep.
    restNeed: (b, unit) => (elevations(b, unit).some((e) => e >= UP) ? 'arms-down' : null),
    calibrate() {
      left.reset();
      right.reset();
    },
    start(b, unit) {
      const es = elevations(b, unit);
      counter.start(es.length === 2 && Math.min(...es) >= UP);
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
      progress = clamp01((lowest - DOWN) / (UP - DOWN));
      counter.update(t, lowest >= UP, highest <= DOWN, progress, 'higher');
    },
    progress: () => progress,
  });
}
