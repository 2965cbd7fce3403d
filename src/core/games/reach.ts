import { clamp01, dist, smooth, type Body, type Pt } from '../pose/body';
import type { Rules } from './engine';
import { mixSeed, mulberry32 } from './prng';
import type { Attempt, GameMeta, GameState, ReachFeedback } from './types';
import { placeTarget, type Rect } from './view';

export const reachMeta: GameMeta = {
  id: 'reach',
  seatedFriendly: true,
  requiredKeypoints: ['left_shoulder', 'right_shoulder', 'left_wrist', 'right_wrist'],
  reports: ['hits'],
};

/** Hit radius around the target centre, in body units (shoulder widths). */
export const REACH_RADIUS = 0.35;
/** Pause after a hit or miss before the next target appears. */
export const REACH_NEXT_DELAY_MS = 400;
/** A target not hit within this much visible time counts as a miss. */
export const REACH_TIMEOUT_MS = 6000;
/** A missed target the wrist got at least this far toward (as progress) is a near miss. */
const ATTEMPT_MIN = 0.35;

/**
 * Target i of a seeded game, relative to the shoulder on its side: `out` is the distance along the
 * outward shoulder line and `up` the height above the shoulder, both in body units. The reach zone
 * (0.9–1.35 units at −20°…100° from horizontal) stays within arm's length (~1.5 units) whether seated
 * or standing, and never needs the legs.
 */
export function reachTargetAt(seed: number, index: number): { side: 'left' | 'right'; out: number; up: number } {
  const rnd = mulberry32(mixSeed(seed, index));
  // Sides alternate (the seed picks the first): both arms work, and the arm returning from a hit
  // never sweeps through the next target.
  const side = (index + (mixSeed(seed, -1) & 1)) % 2 === 0 ? 'left' : 'right';
  const r = 0.9 + 0.45 * rnd();
  const a = ((-20 + 120 * rnd()) * Math.PI) / 180;
  return { side, out: r * Math.cos(a), up: r * Math.sin(a) };
}

/** Pixel position of a target for the current shoulders (left/right are the person's own). */
export function targetPixel(t: { side: 'left' | 'right'; out: number; up: number }, ls: Pt, rs: Pt, unit: number): Pt {
  const from = t.side === 'left' ? ls : rs;
  const other = t.side === 'left' ? rs : ls;
  const len = dist(from, other) || 1;
  // Outward unit vector along the shoulder line, and "up" perpendicular to it (image y grows downward).
  const ox = (from.x - other.x) / len;
  const oy = (from.y - other.y) / len;
  const ux = oy * Math.sign(ox || 1);
  const uy = -Math.abs(ox);
  return { x: from.x + unit * (t.out * ox + t.up * ux), y: from.y + unit * (t.out * oy + t.up * uy) };
}

/** view: the part of the frame the person sees (targets are placed inside it); none = the whole frame, as planned. */
export function reachRules(seed: number, view?: Rect): Rules {
  let index = 0;
  let hits = 0;
  let misses = 0;
  let lastRepAt: number | null = null;
  /** null = between targets; otherwise visible ms the current target has been shown. */
  let shownMs: number | null = null;
  let nextAt: number | null = null;
  /** A wrist must be seen away from a new target before it can hit it (no free hits on arrival). */
  let armed = false;
  let progress = 0;
  /** Closest approach to the current target (as progress), and the near miss a missed target made. */
  let best = 0;
  let lastAttempt: Attempt | null = null;
  let ls: Pt | null = null;
  let rs: Pt | null = null;
  let startDist = 1;

  /** Pixel centre of a target for the current (smoothed) shoulders. */
  const place = (spec: ReturnType<typeof reachTargetAt>, l: Pt, r: Pt, unit: number): Pt => {
    const p = targetPixel(spec, l, r, unit);
    return view ? placeTarget(p, REACH_RADIUS * unit, spec.side === 'left' ? l : r, unit, view) : p;
  };

  const smoothPt = (prev: Pt | null, p: Pt, dt: number): Pt =>
    prev ? { x: smooth(prev.x, p.x, dt, 150), y: smooth(prev.y, p.y, dt, 150) } : p;

  return {
    playKeypoints: ['left_shoulder', 'right_shoulder'],
    calibrate(bodies) {
      const last = bodies[bodies.length - 1];
      ls = last.ls;
      rs = last.rs;
    },
    step(body: Body | null, t, dt, unit) {
      if (nextAt === null) nextAt = t + REACH_NEXT_DELAY_MS;
      if (!body || !body.ls || !body.rs) return; // target timer pauses while the person is not seen
      // Shoulders smoothed so the target does not shake with keypoint jitter.
      ls = smoothPt(ls, body.ls, dt);
      rs = smoothPt(rs, body.rs, dt);
      if (shownMs === null) {
        if (t < nextAt) return;
        shownMs = 0;
        armed = false;
        startDist = 0;
      } else {
        shownMs += dt;
      }
      const target = place(reachTargetAt(seed, index), ls, rs, unit);
      const ds = [body.lw, body.rw].filter((w): w is Pt => !!w).map((w) => dist(w, target) / unit);
      const d = ds.length ? Math.min(...ds) : Infinity;
      if (!armed && ds.length && d > REACH_RADIUS * 1.5) {
        armed = true;
        startDist = d;
      }
      progress = armed && Number.isFinite(d) ? clamp01(1 - (d - REACH_RADIUS) / Math.max(0.01, startDist - REACH_RADIUS)) : 0;
      best = Math.max(best, progress);
      if (armed && d <= REACH_RADIUS) {
        hits++;
        lastRepAt = t;
      } else if (shownMs >= REACH_TIMEOUT_MS) {
        misses++;
        // A reach toward the target that stopped short: "closer to the target".
        if (best >= ATTEMPT_MIN) lastAttempt = { t, reached: Math.min(0.99, best), cue: 'closer' };
      } else {
        return;
      }
      index++;
      shownMs = null;
      progress = 0;
      best = 0;
      nextAt = t + REACH_NEXT_DELAY_MS;
    },
    get reps() {
      return hits;
    },
    get stage() {
      return shownMs === null ? 'rest' : 'active';
    },
    get progress() {
      return progress;
    },
    get lastRepAt() {
      return lastRepAt;
    },
    get lastAttempt() {
      return lastAttempt;
    },
    extra({ unit }): Partial<GameState> {
      const feedback: ReachFeedback = {
        target: null,
        targetIndex: index,
        hits,
        misses,
        remainingMs: shownMs === null ? null : Math.max(0, REACH_TIMEOUT_MS - shownMs),
      };
      if (shownMs !== null && ls && rs && unit > 0) {
        const spec = reachTargetAt(seed, index);
        feedback.target = { ...place(spec, ls, rs, unit), radius: REACH_RADIUS * unit, side: spec.side };
      }
      return { reach: feedback };
    },
  };
}
