/**
 * One game from "get ready" to the result, as a pure state machine over keypoint frames. The play
 * page, `summarize` and `npm run replay` all drive this same machine, so a recorded trace replays
 * exactly as it was played.
 *
 * Timeline: get-ready (the game calibrates: its calibration is the readiness check) → countdown →
 * playing (the clock runs only while the person is in view) → done (time up, nobody in view for
 * idleMs, or stop()). Reps and movement count from calibration on, so a person who starts moving
 * during the countdown loses nothing.
 */
import { createGame, GAMES } from '../games';
import { frameDt } from '../games/engine';
import type { Attempt, CueKey, Game, GameId, GameOptions, GameState, NeedKey, ReachTarget } from '../games/types';
import type { Rect } from '../games/view';
import { MovementMeter } from '../metrics/movement';
import type { PoseVector } from '../pose/keypoints';

export type RunPhase = 'get-ready' | 'countdown' | 'playing' | 'done';

/**
 * Why a run ended: 'time-up' and 'idle' come from the run itself; 'stopped' (stop button),
 * 'camera-lost' (camera or tracking ended under the game) and 'end-of-trace' (replay) from stop().
 */
export type EndReason = 'time-up' | 'idle' | 'stopped' | 'camera-lost' | 'end-of-trace';
export const END_REASONS: readonly EndReason[] = ['time-up', 'idle', 'stopped', 'camera-lost', 'end-of-trace'];

export interface RunConfig {
  game: GameId;
  seed: number;
  /** Play time (while the person is in view); Infinity plays until stop(). */
  durationMs: number;
  countdownMs?: number;
  /** Nobody in view this long (getting ready or playing) ends the run. */
  idleMs?: number;
  /** Frame size in pixels. */
  width: number;
  height: number;
  /** The part of the frame the person sees (reach targets stay inside it); undefined = all of it. */
  view?: Rect;
}

/** A config with its defaults filled in (the view stays optional: none means the whole frame). */
export type FullRunConfig = Required<Omit<RunConfig, 'view'>> & Pick<RunConfig, 'view'>;

export const DEFAULT_COUNTDOWN_MS = 3000;
export const DEFAULT_IDLE_MS = 30_000;
/** Less play than this is "nothing played": nothing is saved. */
export const MIN_PLAYED_MS = 1000;
/** How long a near-miss cue stays up after the attempt. */
export const CUE_SHOW_MS = 1500;

export interface RunHold {
  side: 'left' | 'right' | null;
  nextSide: 'left' | 'right';
  /** 0..1 of the hold that makes a rep. */
  fraction: number;
}

export interface RunState {
  phase: RunPhase;
  /** What the person must fix before the game can start (get-ready only). */
  needs: NeedKey | null;
  /** Counted from calibration on (reach: targets hit; side-bend: completed holds). */
  reps: number;
  /** Whole seconds of play left (Infinity for an endless run). */
  secondsLeft: number;
  /** Whole seconds left of the countdown (1..3 while counting down). */
  countdown: number;
  /** Person not in view after the countdown (the clock waits). */
  lost: boolean;
  reach: ReachTarget | null;
  hold: RunHold | null;
  /** The game's latest near miss, and its cue while it is fresh (CUE_SHOW_MS). */
  lastAttempt: Attempt | null;
  cue: CueKey | null;
  /** ms of play so far. */
  playedMs: number;
  /** The game's own state after the latest frame (null before the first). */
  game: GameState | null;
  /** Set once phase is 'done'. */
  result: RunResult | null;
}

export interface RunResult {
  game: GameId;
  /** Seed of games with random elements (reach), so the run can be replayed. */
  seed: number;
  reason: EndReason;
  /** Frame time of the last frame fed (null when none was). */
  endT: number | null;
  /** False when the run ended before 1 s of play: nothing to save. */
  played: boolean;
  /** Ended before its planned time. */
  cutShort: boolean;
  reps: number;
  hits?: number;
  /** Rounded to 0.1 s, as stored. */
  holdSeconds?: number;
  activeSeconds: number;
  movementPoints: number;
  /** Seconds played, rounded to 0.1 s, as stored. */
  durationSeconds: number;
  /** Frames fed to the run. */
  frames: number;
}

export interface Run {
  readonly config: Readonly<FullRunConfig>;
  /** Feeds one frame (t in ms, non-decreasing; kp null when nobody is seen); ignored once done. */
  frame(t: number, kp: PoseVector | null): RunState;
  /** Ends the run now (no-op once done). */
  stop(reason: EndReason): RunState;
  readonly state: RunState;
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** The game factory (tests can pass a scripted one to drive exact timelines). */
export type GameFactory = (id: GameId, options: GameOptions) => Game;

export function createRun(config: RunConfig, makeGame: GameFactory = createGame): Run {
  const cfg: FullRunConfig = {
    ...config,
    countdownMs: config.countdownMs ?? DEFAULT_COUNTDOWN_MS,
    idleMs: config.idleMs ?? DEFAULT_IDLE_MS,
  };
  const game = makeGame(cfg.game, { width: cfg.width, height: cfg.height, seed: cfg.seed, ...(cfg.view && { view: cfg.view }) });
  const meter = new MovementMeter();
  let phase: RunPhase = 'get-ready';
  let countdownStart = 0;
  let lastT: number | null = null;
  let playedMs = 0;
  let absentSince: number | null = null;
  let calibrated = false;
  let frames = 0;
  let gameState: GameState | null = null;
  let result: RunResult | null = null;

  const secondsLeft = () => Math.max(0, Math.ceil((cfg.durationMs - playedMs) / 1000));
  let state: RunState = {
    phase,
    needs: 'step-in',
    reps: 0,
    secondsLeft: secondsLeft(),
    countdown: Math.ceil(cfg.countdownMs / 1000),
    lost: false,
    reach: null,
    hold: null,
    lastAttempt: null,
    cue: null,
    playedMs: 0,
    game: null,
    result: null,
  };

  function finish(reason: EndReason): RunState {
    const s = gameState;
    const played = phase === 'playing' && playedMs >= MIN_PLAYED_MS;
    phase = 'done';
    result = {
      game: cfg.game,
      seed: cfg.seed,
      reason,
      endT: lastT,
      played,
      cutShort: reason !== 'time-up',
      reps: calibrated && s ? s.reps : 0,
      activeSeconds: round1(meter.activeSeconds),
      movementPoints: Math.round(meter.points),
      durationSeconds: round1(playedMs / 1000),
      frames,
    };
    const reports = GAMES[cfg.game].reports;
    if (reports.includes('hits')) result.hits = calibrated && s?.reach ? s.reach.hits : 0;
    if (reports.includes('holdSeconds')) result.holdSeconds = calibrated && s?.sideBend ? round1(s.sideBend.holdSeconds) : 0;
    state = { ...state, phase, needs: null, lost: false, cue: null, reach: null, hold: null, result };
    return state;
  }

  function frame(t: number, kp: PoseVector | null): RunState {
    if (phase === 'done') return state;
    frames++;
    const dt = frameDt(lastT, t);
    lastT = t;
    const s = (gameState = game.update({ t, kp }));
    if (!calibrated && s.phase === 'playing') {
      calibrated = true;
      phase = 'countdown';
      countdownStart = t;
    }
    // Movement counts from calibration on, like reps.
    if (calibrated) meter.update(t, kp);

    // The camera must not stay on for an empty room.
    if (kp) absentSince = null;
    else absentSince ??= t;
    if (absentSince !== null && t - absentSince >= cfg.idleMs) return finish('idle');

    let countdown = state.countdown;
    if (phase === 'countdown') {
      const left = cfg.countdownMs - (t - countdownStart);
      if (left <= 0) phase = 'playing';
      else countdown = Math.ceil(left / 1000);
    } else if (phase === 'playing' && s.personVisible) {
      playedMs += dt;
    }

    const attempt = calibrated ? s.lastAttempt : null;
    const bend = s.sideBend;
    state = {
      phase,
      needs: phase === 'get-ready' ? (s.needs ?? (s.personVisible ? null : 'step-in')) : null,
      reps: calibrated ? s.reps : 0,
      secondsLeft: secondsLeft(),
      countdown,
      lost: phase === 'playing' && !s.personVisible,
      reach: calibrated ? (s.reach?.target ?? null) : null,
      hold: calibrated && bend ? { side: bend.side, nextSide: bend.nextSide, fraction: bend.holdTargetMs > 0 ? Math.min(1, bend.holdMs / bend.holdTargetMs) : 0 } : null,
      lastAttempt: attempt,
      cue: attempt && t - attempt.t < CUE_SHOW_MS ? attempt.cue : null,
      playedMs,
      game: s,
      result: null,
    };
    if (phase === 'playing' && playedMs >= cfg.durationMs) return finish('time-up');
    return state;
  }

  return {
    config: cfg,
    frame,
    stop: (reason) => (phase === 'done' ? state : finish(reason)),
    get state() {
      return state;
    },
  };
}
