import type { KeypointName } from '../pose/keypoints';
import { bodyUnit, needsFor, readBody, smooth, type Body } from './body';
import type { Game, GameFrame, GameMeta, GameOptions, GameState, NeedKey } from './types';

/** The posture must be held this long with all required keypoints visible before play starts. */
export const CALIBRATION_MS = 800;
/** Frame gaps longer than this (dropouts, tab switch) do not count as elapsed motion time. */
export const MAX_DT_MS = 250;

/** Game-specific rules plugged into the shared frame loop (calibration, gating, timing). */
export interface Rules {
  /** Keypoints needed each frame during play (may be fewer than the calibration set). */
  readonly playKeypoints: readonly KeypointName[];
  /** Called once with the calibration window: learn the person's rest posture. */
  calibrate(bodies: Body[], unit: number): void;
  /** One playing frame. body is null when the play keypoints are missing (dropout). */
  step(body: Body | null, t: number, dtMs: number, unit: number): void;
  readonly reps: number;
  readonly stage: 'rest' | 'active';
  readonly progress: number;
  readonly lastRepAt: number | null;
  /** The latest near miss, null before any (games without partial movements may always say null). */
  readonly lastAttempt?: import('./types').Attempt | null;
  /** Game-specific extra feedback merged into GameState. */
  extra(state: { unit: number; body: Body | null }): Partial<GameState>;
}

/** Shared loop: visibility, "needs" prompts, calibration window, dt clamping, body-size smoothing. */
export class RulesGame implements Game {
  private window: { t: number; body: Body; unit: number }[] = [];
  private lastT: number | null = null;
  private unit: number | null = null;
  private _state: GameState;

  constructor(
    readonly meta: GameMeta,
    private readonly rules: Rules,
    readonly options: GameOptions,
  ) {
    this._state = this.snapshot(0, 'calibrating', false, 'step-in', 0, 0, null);
  }

  get state(): GameState {
    return this._state;
  }

  update(frame: GameFrame): GameState {
    const { t, kp } = frame;
    const dt = this.lastT === null ? 0 : Math.min(MAX_DT_MS, Math.max(0, t - this.lastT));
    this.lastT = this.lastT === null ? t : Math.max(this.lastT, t);
    const body = kp ? readBody(kp) : null;
    const visible = !!body?.shoulders;
    const prev = this._state;

    if (prev.phase === 'calibrating') {
      const needs = needsFor(kp, this.meta.requiredKeypoints);
      const u = body && bodyUnit(body);
      if (needs === null && body && u) {
        this.window.push({ t, body, unit: u });
      } else {
        this.window = []; // calibration needs an unbroken stretch
      }
      const span = this.window.length ? t - this.window[0].t : 0;
      if (span >= CALIBRATION_MS && this.window.length >= 5) {
        const units = this.window.map((w) => w.unit).sort((a, b) => a - b);
        this.unit = units[units.length >> 1];
        this.rules.calibrate(this.window.map((w) => w.body), this.unit);
        this.window = [];
        return (this._state = this.snapshot(t, 'playing', visible, null, 1, 0, body));
      }
      return (this._state = this.snapshot(t, 'calibrating', visible, needs, Math.min(0.99, span / CALIBRATION_MS), 0, body));
    }

    const needs = needsFor(kp, this.rules.playKeypoints);
    const u = body && needs === null ? bodyUnit(body) : null;
    // Body size changes only when the person moves toward/away from the camera: smooth it over ~1 s.
    if (u) this.unit = smooth(this.unit, u, dt, 1000);
    this.rules.step(u ? body : null, t, dt, this.unit!);
    return (this._state = this.snapshot(t, 'playing', visible, needs, 1, prev.elapsedMs + dt, u ? body : null));
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

/**
 * Hysteresis rep counter: a rep is rest → active (enter threshold) → rest (exit threshold), lasting at
 * least minRepMs from the last rest frame. Partial movements never reach "enter" and so never count.
 */
export class RepCounter {
  stage: 'rest' | 'active' = 'rest';
  reps = 0;
  lastRepAt: number | null = null;
  private restT: number | null = null;
  private lastSeen: number | null = null;
  /** After calibration or a long dropout the person must be seen at rest before a rep can start. */
  private needRest = true;

  constructor(
    private readonly minRepMs: number,
    private readonly maxGapMs = 1500,
  ) {}

  /** enter/exit: the two hysteresis conditions for this frame (exit wins if both hold). */
  update(t: number, enter: boolean, exit: boolean): boolean {
    this.lastSeen = t;
    if (this.stage === 'rest') {
      if (exit) {
        this.restT = t;
        this.needRest = false;
      } else if (enter && !this.needRest) {
        this.stage = 'active';
      }
      return false;
    }
    if (!exit) return false;
    this.stage = 'rest';
    const long = this.restT !== null && t - this.restT >= this.minRepMs;
    this.restT = t;
    if (!long) return false;
    this.reps++;
    this.lastRepAt = t;
    return true;
  }

  /** No usable keypoints this frame: keep the stage through short dropouts, abandon the rep after long ones. */
  missing(t: number): void {
    if (this.lastSeen !== null && t - this.lastSeen > this.maxGapMs) {
      this.stage = 'rest';
      this.needRest = true;
    }
  }
}

/** The moving parts of a game whose reps come from one RepCounter. */
export type CounterRulesParts = Pick<Rules, 'playKeypoints' | 'calibrate' | 'step'> & {
  /** 0..1 towards the rep threshold, for the meter. */
  progress(): number;
  extra?: Rules['extra'];
};

/** Rules whose reps, stage and last rep time are the counter's: only the movement logic differs per game. */
export function counterRules(counter: RepCounter, parts: CounterRulesParts): Rules {
  return {
    playKeypoints: parts.playKeypoints,
    calibrate: parts.calibrate,
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

