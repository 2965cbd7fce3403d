/** Body geometry on one frame's keypoints (body parts, body-size unit), shared by the games and the movement meter. */
import { KEYPOINT_COUNT, KP, keypointScore, keypointX, keypointY, VALUES_PER_KEYPOINT, type PoseVector } from './keypoints';

/** Keypoints below this MoveNet score are treated as not seen (confidence gating). */
export const MIN_SCORE = 0.3;

export interface Pt {
  x: number;
  y: number;
}

export function point(kp: PoseVector, index: number, minScore = MIN_SCORE): Pt | null {
  const s = keypointScore(kp, index);
  const x = keypointX(kp, index);
  const y = keypointY(kp, index);
  if (!(s >= minScore) || !Number.isFinite(x) || !Number.isFinite(y)) return null;
  return { x, y };
}

export const dist = (a: Pt, b: Pt): number => Math.hypot(a.x - b.x, a.y - b.y);

/** Mean of the points that are present; null if none. */
export function meanPt(...pts: (Pt | null)[]): Pt | null {
  let x = 0;
  let y = 0;
  let n = 0;
  for (const p of pts) {
    if (p) {
      x += p.x;
      y += p.y;
      n++;
    }
  }
  return n ? { x: x / n, y: y / n } : null;
}

/** Confident keypoints of one frame, named by body part (left/right are the person's own). */
export interface Body {
  nose: Pt | null;
  ls: Pt | null;
  rs: Pt | null;
  lw: Pt | null;
  rw: Pt | null;
  lh: Pt | null;
  rh: Pt | null;
  lk: Pt | null;
  rk: Pt | null;
  la: Pt | null;
  ra: Pt | null;
  shoulders: Pt | null;
  hips: Pt | null;
  /** Shoulder-to-shoulder distance (needs both shoulders). */
  shoulderWidth: number | null;
  /** Shoulder-midpoint to hip-midpoint distance. */
  torso: number | null;
}

/** Torso ≈ 1.4 shoulder widths in adults; used to make one body-size unit from either. */
export const TORSO_PER_SHOULDER = 1.4;

export function readBody(kp: PoseVector): Body {
  const p = (i: number) => point(kp, i);
  const ls = p(KP.left_shoulder);
  const rs = p(KP.right_shoulder);
  const lh = p(KP.left_hip);
  const rh = p(KP.right_hip);
  const shoulders = meanPt(ls, rs);
  const hips = meanPt(lh, rh);
  return {
    nose: p(KP.nose),
    ls,
    rs,
    lw: p(KP.left_wrist),
    rw: p(KP.right_wrist),
    lh,
    rh,
    lk: p(KP.left_knee),
    rk: p(KP.right_knee),
    la: p(KP.left_ankle),
    ra: p(KP.right_ankle),
    shoulders,
    hips,
    shoulderWidth: ls && rs ? dist(ls, rs) : null,
    torso: shoulders && hips ? dist(shoulders, hips) : null,
  };
}

/**
 * Body-size unit in pixels ("one shoulder width"). Shoulder width shrinks when the person turns and
 * the torso foreshortens when they lean forward, so take the larger of the two estimates.
 */
export function bodyUnit(b: Body): number | null {
  const fromTorso = b.torso !== null ? b.torso / TORSO_PER_SHOULDER : 0;
  const u = Math.max(b.shoulderWidth ?? 0, fromTorso);
  return u > 0 ? u : null;
}

/** A keypoint missing for at most this long keeps its last confident position (flicker, motion blur). */
export const BRIDGE_MS = 300;
/** A keypoint that was heading out of the frame when it vanished is held at the edge this long... */
const EDGE_HOLD_MS = 1500;
/** ...judged from where its last velocity would take it by now and this much later (motion blur hides a fast wrist before it leaves). */
const EXIT_LOOKAHEAD_MS = 150;

/**
 * Fills short per-keypoint gaps with the last confident position, so one low-score frame of a wrist
 * does not read as "no wrist"; a keypoint that left the frame (a wrist raised above its top) stays
 * at the edge it crossed for a while. Only the games use it; the movement meter sees raw keypoints.
 */
export class KeypointBridge {
  private readonly last = new Float64Array(KEYPOINT_COUNT * VALUES_PER_KEYPOINT);
  private readonly lastT = new Float64Array(KEYPOINT_COUNT).fill(-Infinity);
  /** Velocity (px/ms) at the last confident sighting. */
  private readonly vx = new Float64Array(KEYPOINT_COUNT);
  private readonly vy = new Float64Array(KEYPOINT_COUNT);
  private readonly out = new Float64Array(KEYPOINT_COUNT * VALUES_PER_KEYPOINT);
  private width = 0;
  private height = 0;

  /** Frame size, for the edge rule (0 turns it off). */
  frame(width: number, height: number): void {
    this.width = width;
    this.height = height;
  }

  /** The frame's keypoints with short gaps filled (the frame as it is when nothing can be bridged). */
  fill(t: number, kp: PoseVector | null): PoseVector | null {
    let any = false;
    for (let i = 0; i < KEYPOINT_COUNT; i++) {
      const j = i * VALUES_PER_KEYPOINT;
      if (kp && point(kp, i)) {
        const dt = t - this.lastT[i];
        const fresh = dt > 0 && dt <= BRIDGE_MS;
        this.vx[i] = fresh ? (kp[j] - this.last[j]) / dt : 0;
        this.vy[i] = fresh ? (kp[j + 1] - this.last[j + 1]) / dt : 0;
        for (let k = 0; k < VALUES_PER_KEYPOINT; k++) this.out[j + k] = this.last[j + k] = kp[j + k];
        this.lastT[i] = t;
        any = true;
        continue;
      }
      const gap = t - this.lastT[i];
      const exit = gap <= EDGE_HOLD_MS ? this.exitPoint(i, Math.min(gap, BRIDGE_MS) + EXIT_LOOKAHEAD_MS) : null;
      if (exit) {
        this.out[j] = exit.x;
        this.out[j + 1] = exit.y;
        this.out[j + 2] = this.last[j + 2];
        any = true;
      } else if (gap <= BRIDGE_MS) {
        for (let k = 0; k < VALUES_PER_KEYPOINT; k++) this.out[j + k] = this.last[j + k];
        any = true;
      } else {
        this.out[j] = kp ? kp[j] : 0;
        this.out[j + 1] = kp ? kp[j + 1] : 0;
        this.out[j + 2] = 0;
      }
    }
    return any ? this.out : kp;
  }

  /** Where keypoint i left the frame, if its last motion was taking it out; null otherwise. */
  private exitPoint(i: number, aheadMs: number): Pt | null {
    if (this.width <= 0) return null;
    const j = i * VALUES_PER_KEYPOINT;
    const x = this.last[j] + this.vx[i] * aheadMs;
    const y = this.last[j + 1] + this.vy[i] * aheadMs;
    if (x >= 0 && x <= this.width && y >= 0 && y <= this.height) return null;
    return { x: Math.min(this.width, Math.max(0, x)), y: Math.min(this.height, Math.max(0, y)) };
  }
}

/** Exponential smoothing with a time constant, so behaviour does not depend on the frame rate. */
export function smooth(prev: number | null, value: number, dtMs: number, tauMs: number): number {
  if (prev === null || !Number.isFinite(prev)) return value;
  const a = 1 - Math.exp(-Math.max(0, dtMs) / tauMs);
  return prev + a * (value - prev);
}

export function median(values: number[]): number {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);
