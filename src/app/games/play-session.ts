/**
 * One game from "get ready" to the summary, driven by pose messages from the live session.
 * Per frame it only feeds the pure game and movement meter; the HUD signal is assigned only when
 * something visible changed, so the page does almost nothing per frame.
 */
import { effect, signal } from '@preact/signals';
import { createGame, type Game, type GameId, type NeedKey, type ReachTarget } from '../../core/games';
import { localDateString, MovementMeter } from '../../core/metrics';
import { TraceRecorder, type PoseTrace } from '../../core/trace';
import type { PoseMessage } from '../../../workers/pose/protocol';
import { devOptions } from '../dev-options';
import { recordBreakTaken } from '../reminders/reminders';
import { liveStatus, onPose, stopLive } from '../session/live-session';
import { saveSession, type SaveResult } from '../storage/sessions';
import { toStorageError, type StorageErrorCode, type StoredSession } from '../storage/db';

export type PlayPhase = 'get-ready' | 'countdown' | 'playing';

export interface Hud {
  game: GameId;
  phase: PlayPhase;
  needs: NeedKey | null;
  /** Person left the frame during play (the timer waits). */
  lost: boolean;
  reps: number;
  /** Whole seconds left of play, or of the countdown. */
  secondsLeft: number;
  countdown: number;
  /** Reach target as fractions of the frame (unmirrored). */
  target: { x: number; y: number; r: number } | null;
  hold: { side: 'left' | 'right' | null; nextSide: 'left' | 'right'; fraction: number } | null;
}

export interface GameSummary {
  session: StoredSession;
  /** Ended before the planned time (stop button, camera lost, page hidden). */
  cutShort: boolean;
  save: { state: 'saving' } | { state: 'saved'; result: SaveResult } | { state: 'failed'; code: StorageErrorCode; detail: string };
  trace: PoseTrace | null;
}

export interface PlayRequest {
  game: GameId;
  durationSeconds: number;
  recordTrace: boolean;
}

const COUNTDOWN_MS = 3000;
/** Nobody in view this long (getting ready or playing): the game ends and the camera turns off. */
const IDLE_MS = (devOptions.idleSeconds ?? 30) * 1000;
/** Frame gaps longer than this (tab throttled, laptop asleep) do not count as play time. */
const MAX_FRAME_GAP_MS = 250;

export const hud = signal<Hud | null>(null);
export const summary = signal<GameSummary | null>(null);

interface Running {
  request: PlayRequest;
  seed: number;
  /** Checks readiness (needed keypoints visible and steady) before the countdown. */
  readiness: Game | null;
  /** The scored game, created at the countdown so it calibrates on the ready posture. */
  game: Game | null;
  meter: MovementMeter;
  recorder: TraceRecorder | null;
  phase: PlayPhase;
  phaseStartT: number;
  lastT: number | null;
  playedMs: number;
  /** Frame time since which no person has been in view, or null while someone is. */
  absentSince: number | null;
  repsAtGo: number;
  startedAt: number;
  unsubscribe: () => void;
}

let running: Running | null = null;

function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}

export function startPlay(request: PlayRequest): void {
  abandonPlay();
  summary.value = null;
  const seed = randomSeed();
  running = {
    request,
    seed,
    readiness: null,
    game: null,
    meter: new MovementMeter(),
    recorder: null,
    phase: 'get-ready',
    phaseStartT: 0,
    lastT: null,
    playedMs: 0,
    absentSince: null,
    repsAtGo: 0,
    startedAt: Date.now(),
    unsubscribe: onPose((message) => onFrame(message)),
  };
  hud.value = {
    game: request.game, phase: 'get-ready', needs: 'step-in', lost: false, reps: 0,
    secondsLeft: request.durationSeconds, countdown: 3, target: null, hold: null,
  };
}

function onFrame(message: PoseMessage): void {
  const run = running;
  if (!run) return;
  const { t, keypoints: kp, width, height } = message;
  const frame = { t, kp };
  const dt = run.lastT === null ? 0 : Math.min(MAX_FRAME_GAP_MS, Math.max(0, t - run.lastT));
  run.lastT = t;
  // The camera must not stay on for an empty room.
  if (kp) run.absentSince = null;
  else run.absentSince ??= t;
  if (run.absentSince !== null && t - run.absentSince >= IDLE_MS) {
    finishPlay(true, 'paused-empty');
    return;
  }
  if (run.request.recordTrace) {
    run.recorder ??= new TraceRecorder({ width, height });
    run.recorder.push(t, kp);
  }

  if (run.phase === 'get-ready') {
    run.readiness ??= createGame(run.request.game, { width, height, seed: run.seed });
    const state = run.readiness.update(frame);
    if (state.phase === 'playing') {
      run.phase = 'countdown';
      run.phaseStartT = t;
      run.game = createGame(run.request.game, { width, height, seed: run.seed });
    }
    publish(run, { needs: state.needs ?? (state.personVisible ? null : 'step-in') });
    return;
  }

  const game = run.game!;
  const state = game.update(frame);
  if (run.phase === 'countdown') {
    const left = COUNTDOWN_MS - (t - run.phaseStartT);
    if (left <= 0) {
      run.phase = 'playing';
      run.repsAtGo = state.reps;
      run.startedAt = Date.now();
    }
    publish(run, { countdown: Math.max(1, Math.ceil(left / 1000)), needs: null });
    return;
  }

  // Playing: movement counts, and the clock runs only while the person is in view.
  run.meter.update(t, kp);
  if (state.personVisible) run.playedMs += dt;
  const target: ReachTarget | null = state.reach?.target ?? null;
  const bend = state.sideBend;
  publish(run, {
    reps: Math.max(0, state.reps - run.repsAtGo),
    lost: !state.personVisible,
    needs: null,
    target: target && { x: round3(target.x / width), y: round3(target.y / height), r: round3(target.radius / width) },
    hold: bend ? { side: bend.side, nextSide: bend.nextSide, fraction: Math.round((bend.holdMs / bend.holdTargetMs) * 20) / 20 } : null,
  });
  if (run.playedMs >= run.request.durationSeconds * 1000) finishPlay(false);
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

function publish(run: Running, change: Partial<Hud>): void {
  const previous = hud.value;
  if (!previous) return;
  const secondsLeft = Math.max(0, Math.ceil(run.request.durationSeconds - run.playedMs / 1000));
  const next: Hud = { ...previous, ...change, phase: run.phase, secondsLeft };
  const changed = (Object.keys(next) as Array<keyof Hud>).some((key) => JSON.stringify(next[key]) !== JSON.stringify(previous[key]));
  if (changed) hud.value = next;
}

/** Ends the game: saves what was played (also when cut short) and shows the summary. */
export function finishPlay(cutShort: boolean, cameraOff: 'stopped' | 'paused-empty' = 'stopped'): void {
  const run = running;
  if (!run) return;
  running = null;
  run.unsubscribe();
  hud.value = null;
  if (run.phase !== 'playing' || run.playedMs < 1000) {
    stopLive(cameraOff);
    return; // nothing was played: nothing to save
  }
  const state = run.game!.state;
  const session: StoredSession = {
    id: crypto.randomUUID(),
    game: run.request.game,
    startedAt: run.startedAt,
    date: localDateString(new Date(run.startedAt)),
    durationSeconds: Math.round(run.playedMs / 100) / 10,
    reps: Math.max(0, state.reps - run.repsAtGo),
    activeSeconds: Math.round(run.meter.activeSeconds * 10) / 10,
    movementPoints: Math.round(run.meter.points),
    seed: run.seed,
  };
  if (state.reach) session.hits = state.reach.hits;
  if (state.sideBend) session.holdSeconds = Math.round(state.sideBend.holdSeconds * 10) / 10;
  summary.value = { session, cutShort, save: { state: 'saving' }, trace: run.recorder?.toTrace() ?? null };
  stopLive(cameraOff);
  recordBreakTaken(); // the next reminder counts from this break
  void persist(session);
}

/** Saves (or retries saving) the summary's session; a failure keeps it on screen, nothing lost. */
export async function persist(session: StoredSession): Promise<void> {
  const update = (save: GameSummary['save']) => {
    if (summary.value?.session.id === session.id) summary.value = { ...summary.value, save };
  };
  update({ state: 'saving' });
  try {
    update({ state: 'saved', result: await saveSession(session) });
  } catch (error) {
    const storageError = toStorageError(error);
    update({ state: 'failed', code: storageError.code, detail: storageError.message });
  }
}

/** Leaves without a summary (e.g. a new game replaces this one before it started). */
function abandonPlay(): void {
  running?.unsubscribe();
  running = null;
  hud.value = null;
}

export function isPlaying(): boolean {
  return running !== null;
}

// The camera can stop under a game (stop button, page hidden, camera lost, worker failure):
// the game ends with what was played so far.
effect(() => {
  const status = liveStatus.value;
  if (running && status !== 'live' && status !== 'starting') finishPlay(true);
});
