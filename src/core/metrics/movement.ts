import { KEYPOINT_COUNT, type PoseVector } from '../pose/keypoints';
import { bodyUnit, point, readBody, smooth } from '../pose/body';
import { frameDt } from '../games/engine';

/** Keypoint smoothing before the dead-band (removes frame-to-frame jitter). */
const SMOOTH_MS = 100;
/** Per-keypoint dead-band, in body units: motion inside it (noise, breathing) earns nothing. */
export const DEAD_BAND = 0.12;
/** A smoothed keypoint moving further than this in one frame is a detector glitch, not motion. */
const MAX_STEP = 0.6;
/** Points per body unit of keypoint travel (summed over keypoints): ~150 for a minute of squats. */
export const POINTS_PER_UNIT = 0.4;
/** Recent-motion window for "active" seconds, and the travel (body units) within it that means moving. */
const ACTIVE_TAU_MS = 1500;
const ACTIVE_THRESHOLD = 0.5;

/** Raw (unrounded) movement points for an amount of keypoint travel in body units (the meter, and a corrected break). */
export function pointsFromTravel(travel: number): number {
  return Math.max(0, travel) * POINTS_PER_UNIT;
}

/** The travel that earned a number of points (inverse of pointsFromTravel). */
export function travelFromPoints(points: number): number {
  return Math.max(0, points) / POINTS_PER_UNIT;
}

/**
 * Movement points and active seconds from keypoint frames. Each keypoint drags an anchor that only
 * moves when the smoothed keypoint leaves a dead-band around it (a "lazy follower"), and the anchor's
 * travel, divided by body size, is the movement. Everything is in body units, so the result does not
 * depend on the person's size or position in the frame.
 */
export class MovementMeter {
  private readonly sx = new Float64Array(KEYPOINT_COUNT);
  private readonly sy = new Float64Array(KEYPOINT_COUNT);
  private readonly ax = new Float64Array(KEYPOINT_COUNT);
  private readonly ay = new Float64Array(KEYPOINT_COUNT);
  private readonly seen = new Uint8Array(KEYPOINT_COUNT);
  private unit: number | null = null;
  private lastT: number | null = null;
  private recent = 0;
  private travel = 0;
  private activeMs = 0;

  update(t: number, kp: PoseVector | null): void {
    const dt = frameDt(this.lastT, t);
    this.lastT = this.lastT === null ? t : Math.max(t, this.lastT);
    this.recent *= Math.exp(-dt / ACTIVE_TAU_MS);
    const body = kp && readBody(kp);
    const u = body && body.shoulders ? bodyUnit(body) : null;
    if (!kp || !u) {
      this.seen.fill(0); // on return, keypoints restart without credit for the jump
      return;
    }
    this.unit = smooth(this.unit, u, dt, 1000);
    const unit = this.unit;
    let frameTravel = 0;
    for (let i = 0; i < KEYPOINT_COUNT; i++) {
      const p = point(kp, i);
      if (!p) {
        this.seen[i] = 0;
        continue;
      }
      if (!this.seen[i]) {
        this.seen[i] = 1;
        this.sx[i] = this.ax[i] = p.x;
        this.sy[i] = this.ay[i] = p.y;
        continue;
      }
      const px = this.sx[i];
      const py = this.sy[i];
      this.sx[i] = smooth(px, p.x, dt, SMOOTH_MS);
      this.sy[i] = smooth(py, p.y, dt, SMOOTH_MS);
      if (Math.hypot(this.sx[i] - px, this.sy[i] - py) / unit > MAX_STEP) {
        this.seen[i] = 0; // glitch: drop this keypoint's history
        continue;
      }
      const dx = this.sx[i] - this.ax[i];
      const dy = this.sy[i] - this.ay[i];
      const d = Math.hypot(dx, dy) / unit;
      if (d > DEAD_BAND) {
        const k = (d - DEAD_BAND) / d;
        this.ax[i] += dx * k;
        this.ay[i] += dy * k;
        frameTravel += d - DEAD_BAND;
      }
    }
    this.travel += frameTravel;
    this.recent += frameTravel;
    if (this.recent > ACTIVE_THRESHOLD) this.activeMs += dt;
  }

  /** Raw (unrounded) movement points so far. */
  get points(): number {
    return pointsFromTravel(this.travel);
  }

  get activeSeconds(): number {
    return this.activeMs / 1000;
  }
}
