import { KP, type KeypointName, type PoseVector } from '../pose/keypoints';
import { bodyUnit, clamp01, KeypointBridge, point, readBody, smooth, type Body } from '../pose/body';
import type { Attempt, CueKey, Game, GameFrame, GameMeta, GameOptions, GameState, NeedKey } from './types';

/** The required keypoints must be seen this long, including the rest posture, before play starts. */
export const CALIBRATION_MS = 800;
/** Frames in the rest posture that calibration needs (a person already moving passes through it). */
const CALIBRATION_REST_FRAMES = 2;
/** A gap in the required keypoints longer than this restarts calibration; shorter ones are flicker. */
const CALIBRATION_GAP_MS = 400;
/** Calibration remembers at most this much of the recent past. */
const CALIBRATION_KEEP_MS = 2000;
/** Frame gaps longer than this (dropouts, tab throttled, laptop asleep) do not count as elapsed time. */
const MAX_DT_MS = 250;

/** Time since the previous frame, the one clamp of the game, play and movement clocks: 0 first, never negative. */
export function frameDt(lastT: number | null, t: number): number {
  return lastT === null ? 0 : Math.min(MAX_DT_MS, Math.max(0, t - lastT));
}

/**
 * Which required keypoints are missing, mapped to the prompt the person should see. With `oneSided`,
 * a left/right pair is missing only when both sides are (games that can work with one side).
 */
function needsFor(kp: PoseVector | null, required: readonly KeypointName[], oneSided = false): NeedKey | null {
  if (kp === null) return 'step-in';
  const missing = (name: KeypointName) => required.includes(name) && !point(kp, KP[name]);
  const anyMissing = (names: KeypointName[]) => {
    for (let i = 0; i < names.length; i += 2) {
      const [l, r] = [missing(names[i]), missing(names[i + 1])];
      if (oneSided ? l && r : l || r) return true;
    }
    return false;
  };
  if (anyMissing(['left_shoulder', 'right_shoulder'])) return 'show-shoulders';
  if (anyMissing(['left_wrist', 'right_wrist'])) return 'show-hands';
  if (anyMissing(['left_hip', 'right_hip'])) return 'show-hips';
  if (anyMissing(['left_knee', 'right_knee', 'left_ankle', 'right_ankle'])) return 'step-back';
  return null;
}

/** Body size grows at once when the person steps closer, but shrinks slowly (a lean only foreshortens). */
const UNIT_GROW_MS = 300;
const UNIT_SHRINK_MS = 2500;

/** Game-specific rules plugged into the shared frame loop (calibration, gating, timing). */
export interface Rules {
  /** Keypoints needed each frame during play; either side of a left/right pair is enough. */
  readonly playKeypoints: readonly KeypointName[];
  /** What keeps this frame from being the rest posture calibration needs (null when it is one). */
  restNeed?(body: Body, unit: number): NeedKey | null;
  /** Called once with the calibration frames in the rest posture: learn the person's references. */
  calibrate(bodies: Body[], unit: number): void;
  /** Called once on the frame that ends calibration, before its step: the person may already be moving. */
  start?(body: Body, unit: number): void;
  /** One playing frame. body is null when the play keypoints are missing (dropout). */
  step(body: Body | null, t: number, dtMs: number, unit: number): void;
  readonly reps: number;
  readonly stage: 'rest' | 'active';
  readonly progress: number;
  readonly lastRepAt: number | null;
  /** The latest near miss, null before any. */
  readonly lastAttempt?: Attempt | null;
  /** Game-specific extra feedback merged into GameState. */
  extra(state: { unit: number; body: Body | null }): Partial<GameState>;
}

interface CalibrationFrame {
  t: number;
  body: Body;
  unit: number;
  rest: boolean;
}

/**
 * Shared loop: per-keypoint gap bridging, visibility and "needs" prompts, calibration on the rest
 * posture, dt clamping, body-size tracking.
 */
export class RulesGame implements Game {
  private window: CalibrationFrame[] = [];
  private lastGoodT: number | null = null;
  private lastT: number | null = null;
  private unit: number | null = null;
  private readonly bridge = new KeypointBridge();
  private _state: GameState;

  constructor(
    readonly meta: GameMeta,
    private readonly rules: Rules,
    readonly options: GameOptions,
  ) {
    this.bridge.frame(options.width, options.height);
    this._state = this.snapshot(0, 'calibrating', false, 'step-in', 0, 0, null);
  }

  get state(): GameState {
    return this._state;
  }

  update(frame: GameFrame): GameState {
    const { t } = frame;
    const dt = frameDt(this.lastT, t);
    this.lastT = this.lastT === null ? t : Math.max(this.lastT, t);
    // Short keypoint dropouts (flicker, motion blur) and exits at the frame edge are bridged.
    const kp: PoseVector | null = this.bridge.fill(t, frame.kp);
    const body = kp ? readBody(kp) : null;
    const visible = !!body?.shoulders;
    const prev = this._state;

    if (prev.phase === 'calibrating') return (this._state = this.calibrating(t, kp, body, visible));

    const needs = needsFor(kp, this.rules.playKeypoints, true);
    const u = body && needs === null ? bodyUnit(body) : null;
    if (u) this.unit = this.trackUnit(u, dt);
    this.rules.step(u ? body : null, t, dt, this.unit!);
    return (this._state = this.snapshot(t, 'playing', visible, needs, 1, prev.elapsedMs + dt, u ? body : null));
  }

  private trackUnit(u: number, dt: number): number {
    if (this.unit === null) return u;
    return smooth(this.unit, u, dt, u > this.unit ? UNIT_GROW_MS : UNIT_SHRINK_MS);
  }

  private calibrating(t: number, kp: PoseVector | null, body: Body | null, visible: boolean): GameState {
    const missing = needsFor(kp, this.meta.requiredKeypoints);
    const u = body && missing === null ? bodyUnit(body) : null;
    let needs: NeedKey | null = missing;
    if (body && u) {
      const restNeed = this.rules.restNeed?.(body, u) ?? null;
      this.window.push({ t, body, unit: u, rest: restNeed === null });
      this.lastGoodT = t;
      needs = restNeed;
    } else if (this.lastGoodT === null || t - this.lastGoodT > CALIBRATION_GAP_MS) {
      this.window = [];
    }
    while (this.window.length && t - this.window[0].t > CALIBRATION_KEEP_MS) this.window.shift();
    const span = this.window.length ? t - this.window[0].t : 0;
    const rest = this.window.filter((w) => w.rest);
    if (body && u && span >= CALIBRATION_MS && this.window.length >= 5 && rest.length >= CALIBRATION_REST_FRAMES) {
      const units = rest.map((w) => w.unit).sort((a, b) => a - b);
      this.unit = units[units.length >> 1];
      this.rules.calibrate(rest.map((w) => w.body), this.unit);
      this.window = [];
      this.rules.start?.(body, this.unit);
      this.rules.step(body, t, 0, this.unit);
      return this.snapshot(t, 'playing', visible, null, 1, 0, body);
    }
    // While waiting for the rest posture, the prompt says which; between rest frames it keeps saying it.
    if (needs === null && rest.length < CALIBRATION_REST_FRAMES && this.window.length) {
      const last = this.window[this.window.length - 1];
      needs = this.rules.restNeed?.(last.body, last.unit) ?? null;
    }
    const progress = Math.min(span / CALIBRATION_MS, (rest.length + 1) / (CALIBRATION_REST_FRAMES + 1));
    return this.snapshot(t, 'calibrating', visible, needs, Math.min(0.99, progress), 0, body);
  }

  private snapshot(
    t: number,
    phase: GameState['phase'],
    personVisible: boolean,
    needs: NeedKey | null,
    calibration: number,
    elapsedMs: number,
    body: Body | null,
  ): GameState {
    const playing = phase === 'playing';
    return {
      game: this.meta.id,
      t,
      phase,
      personVisible,
      needs,
      calibration,
      reps: this.rules.reps,
      stage: this.rules.stage,
      progress: playing ? this.rules.progress : 0,
      lastRepAt: this.rules.lastRepAt,
      lastAttempt: this.rules.lastAttempt ?? null,
      elapsedMs,
      ...(playing ? this.rules.extra({ unit: this.unit ?? 0, body }) : this.rules.extra({ unit: 0, body: null })),
    };
  }
}

/** A movement that got at least this far toward the rep threshold and went back is an attempt. */
const ATTEMPT_MIN = 0.35;

/**
 * Hysteresis rep counter: a rep is rest → active (enter threshold) → rest (exit threshold). Reps are
 * timed from one completed rep to the next (real cycle boundaries), so brisk reps count while a
 * twitch cannot count twice. Partial movements never reach "enter"; they are reported as attempts.
 */
export class RepCounter {
  stage: 'rest' | 'active' = 'rest';
  reps = 0;
  lastRepAt: number | null = null;
  lastAttempt: Attempt | null = null;
  private lastSeen: number | null = null;
  /** Last frame at rest before the movement under way (its start), null right after calibration. */
  private restT: number | null = null;
  /** After a long dropout the person must be seen at rest before a rep can start. */
  private needRest = false;
  /** Furthest progress of the movement under way while not yet active. */
  private peak = 0;

  /**
   * minMoveMs: the shortest time a real rep spends away from rest (shorter is keypoint jitter);
   * minCycleMs: the shortest time from one rep's end to the next one's.
   */
  constructor(
    private readonly minMoveMs: number,
    private readonly minCycleMs: number,
    private readonly maxGapMs = 1500,
  ) {}

  /** After calibration: the person may already be in the active half (moving when play began). */
  start(active: boolean): void {
    this.stage = active ? 'active' : 'rest';
    this.needRest = false;
    this.restT = null;
  }

  /**
   * enter/exit: the two hysteresis conditions for this frame (exit wins if both hold); progress is
   * 0..1 from the exit to the enter threshold, and cue what the movement lacked, for near misses.
   */
  update(t: number, enter: boolean, exit: boolean, progress: number, cue: CueKey): boolean {
    this.lastSeen = t;
    if (this.stage === 'rest') {
      if (exit) {
        if (this.peak >= ATTEMPT_MIN && !this.needRest) this.lastAttempt = { t, reached: Math.min(0.99, this.peak), cue };
        this.peak = 0;
        this.needRest = false;
        this.restT = t;
      } else if (enter && !this.needRest) {
        this.stage = 'active';
        this.peak = 0;
      } else {
        this.peak = Math.max(this.peak, clamp01(progress));
      }
      return false;
    }
    if (!exit) return false;
    this.stage = 'rest';
    const start = this.restT;
    this.restT = t;
    if (start !== null && t - start < this.minMoveMs) return false;
    if (this.lastRepAt !== null && t - this.lastRepAt < this.minCycleMs) return false;
    this.reps++;
    this.lastRepAt = t;
    return true;
  }

  /** No usable keypoints this frame: keep the stage through short dropouts, abandon the rep after long ones. */
  missing(t: number): void {
    if (this.lastSeen !== null && t - this.lastSeen > this.maxGapMs) {
      this.stage = 'rest';
      this.needRest = true;
      this.peak = 0;
    }
  }
}

/** The moving parts of a game whose reps come from one RepCounter. */
export type CounterRulesParts = Pick<Rules, 'playKeypoints' | 'restNeed' | 'calibrate' | 'start' | 'step'> & {
  /** 0..1 towards the rep threshold, for the meter. */
  progress(): number;
  extra?: Rules['extra'];
};

/** Rules whose reps, stage and last rep time are the counter's: only the movement logic differs per game. */
export function counterRules(counter: RepCounter, parts: CounterRulesParts): Rules {
  return {
    playKeypoints: parts.playKeypoints,
    restNeed: parts.restNeed,
    calibrate: parts.calibrate,
    start: parts.start,
    step: parts.step,
    get reps() {
      return counter.reps;
    },
    get stage() {
      return counter.stage;
    },
    get progress() {
      return parts.progress();
    },
    get lastRepAt() {
      return counter.lastRepAt;
    },
    get lastAttempt() {
      return counter.lastAttempt;
    },
    extra: parts.extra ?? (() => ({})),
  };
}

/** Convenience for rules whose only state is a smoothed scalar feature. */
export function smoothedFeature(tauMs: number) {
  let v: number | null = null;
  return {
    get value() {
      return v;
    },
    push(x: number, dt: number) {
      v = smooth(v, x, dt, tauMs);
      return v;
    },
    reset() {
      v = null;
    },
  };
}
