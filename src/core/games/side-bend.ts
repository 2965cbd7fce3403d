import { clamp01, median, type Body } from '../pose/body';
import { smoothedFeature, type Rules } from './engine';
import type { Attempt, GameMeta, GameState } from './types';

export const sideBendMeta: GameMeta = {
  id: 'side-bend',
  seatedFriendly: true,
  requiredKeypoints: ['left_shoulder', 'right_shoulder'],
  reports: ['holdSeconds'],
};

/** Shoulder-line tilt, degrees from the calibrated upright posture. */
export const BEND_ENTER_DEG = 15;
export const BEND_EXIT_DEG = 10;
/** Holding one side this long completes a rep. */
export const HOLD_TARGET_MS = 4000;
const MAX_GAP_MS = 1000;
/** A shoulder line tilted more than this at the start is a bend (camera roll is smaller): wait for upright. */
const UPRIGHT_MAX_DEG = 8;
/** A lean past this share of the threshold that turns back is a near miss (below it: posture drift). */
const ATTEMPT_SHARE = 0.75;

/**
 * A lateral bend tilts the shoulder line by about the bend angle, seated or standing, and needs only
 * the shoulders (hips are often hidden by the desk). Positive = toward the person's left: with an
 * unmirrored camera the left shoulder is on the image's right and drops (y grows) when bending left.
 */
function tilt(b: Body): number | null {
  if (!b.ls || !b.rs) return null;
  return (Math.atan2(b.ls.y - b.rs.y, b.ls.x - b.rs.x) * 180) / Math.PI;
}

export function sideBendRules(): Rules {
  const angle = smoothedFeature(80);
  let upright = 0;
  let bend = 0;
  let side: 'left' | 'right' | null = null;
  let holdStart = 0;
  let holdMs = 0;
  let counted = false;
  let totalMs = 0;
  let reps = 0;
  let lastRepAt: number | null = null;
  let lastSeen: number | null = null;
  let nextSide: 'left' | 'right' = 'left';
  /** Deepest bend of a lean that has not (yet) reached the hold threshold, and the near miss it made. */
  let peak = 0;
  let lastAttempt: Attempt | null = null;

  return {
    playKeypoints: ['left_shoulder', 'right_shoulder'],
    restNeed(b) {
      const a = tilt(b);
      return a !== null && Math.abs(a) <= UPRIGHT_MAX_DEG ? null : 'upright';
    },
    calibrate(bodies) {
      upright = median(bodies.map((b) => tilt(b) ?? NaN));
    },
    step(body, t, dt) {
      const a = body && tilt(body);
      if (a === null || a === undefined) {
        // Short dropouts keep the hold going; a long one ends it.
        if (lastSeen !== null && t - lastSeen > MAX_GAP_MS) side = null;
        return;
      }
      const gap = lastSeen === null ? 0 : t - lastSeen;
      lastSeen = t;
      bend = angle.push(a, dt) - upright;
      if (side === null && Math.abs(bend) < 5) upright += (1 - Math.exp(-dt / 10_000)) * bend;
      const mag = Math.abs(bend);
      const dir = bend > 0 ? 'left' : 'right';
      if (side !== null && (mag <= BEND_EXIT_DEG || dir !== side)) {
        // A hold let go before its time: "hold it a little longer".
        if (!counted) lastAttempt = { t, reached: Math.min(0.99, holdMs / HOLD_TARGET_MS), cue: 'longer' };
        side = null;
        peak = 0;
      }
      if (side === null) {
        holdMs = 0;
        if (mag < BEND_EXIT_DEG) {
          // A lean that turned back before the threshold: "bend a little further".
          if (peak >= ATTEMPT_SHARE * BEND_ENTER_DEG) lastAttempt = { t, reached: Math.min(0.99, peak / BEND_ENTER_DEG), cue: 'further' };
          peak = 0;
        } else {
          peak = Math.max(peak, mag);
        }
        if (mag >= BEND_ENTER_DEG) {
          peak = 0;
          side = dir;
          holdStart = t;
          counted = false;
        }
        return;
      }
      totalMs += Math.min(gap, MAX_GAP_MS);
      holdMs = t - holdStart;
      if (!counted && holdMs >= HOLD_TARGET_MS) {
        counted = true;
        reps++;
        lastRepAt = t;
        nextSide = side === 'left' ? 'right' : 'left';
      }
    },
    get reps() {
      return reps;
    },
    get stage() {
      return side === null ? 'rest' : 'active';
    },
    get progress() {
      return side === null ? clamp01(Math.abs(bend) / BEND_ENTER_DEG) * 0.5 : 0.5 + 0.5 * clamp01(holdMs / HOLD_TARGET_MS);
    },
    get lastRepAt() {
      return lastRepAt;
    },
    get lastAttempt() {
      return lastAttempt;
    },
    extra: (): Partial<GameState> => ({
      sideBend: {
        side,
        holdMs,
        holdTargetMs: HOLD_TARGET_MS,
        nextSide,
        holdSeconds: Math.round(totalMs / 100) / 10,
        angleDeg: Math.round(bend * 10) / 10,
      },
    }),
  };
}
