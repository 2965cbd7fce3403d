/**
 * Adapts the pure run (src/core/play: get ready, countdown, play clock, idle end, result) to the
 * page: feeds it pose messages, maps its state to the HUD signal only when something visible
 * changed (so the page does almost nothing per frame), and saves the result.
 * The run is fed frames exactly as a trace stores them, so a recorded trace replays to the same result.
 */
import { createModel, effect, signal } from '@preact/signals';
import { boxInFrame, stageFit, visibleArea, type CueKey, type GameId, type NeedKey, type Rect } from '../../core/games';
import { localDay } from '../../core/calendar';
import { createRun, DEFAULT_COUNTDOWN_MS, notABreakReason, workUnit, type EndReason, type NotABreak, type Run, type RunResult, type RunState } from '../../core/play';
import { TraceFrames, TraceRecorder, type PoseTrace } from '../../core/trace';
import type { PoseMessage } from '../../../workers/pose/protocol';
import { devOptions } from '../dev-options';
import type { ProgressModel } from './progress';
import type { LiveModel } from '../live/live';
import type { RemindersModel } from '../reminders/reminders';
import { saveSession, type SaveResult } from '../storage/sessions';
import { toStorageError, type StorageErrorCode, type StoredSession } from '../storage/db';

export type PlayPhase = 'get-ready' | 'countdown' | 'playing';

export interface Hud {
  game: GameId;
  /** No pose has arrived yet: the camera and the model are still starting. */
  loading: boolean;
  phase: PlayPhase;
  needs: NeedKey | null;
  /** Person left the frame during play (the timer waits). */
  lost: boolean;
  reps: number;
  /** The game's own count as the HUD shows it: reps, targets hit, or whole seconds held. */
  work: number;
  /** Whole seconds left of play, or of the countdown. */
  secondsLeft: number;
  countdown: number;
  /** Camera frame size (null before the first frame): target positions are in its pixels. */
  frame: { width: number; height: number } | null;
  /** Reach target centre and radius in frame pixels (unmirrored). */
  target: { x: number; y: number; r: number } | null;
  hold: { side: 'left' | 'right' | null; nextSide: 'left' | 'right'; fraction: number } | null;
  /** Near miss just now: what would have made it count (shown briefly). */
  attempt: { cue: CueKey } | null;
}

/** What the summary screen shows: the run's stored record, how it ended and whether it is saved. */
export interface SummaryState {
  session: StoredSession;
  /** Ended before the planned time (stop button, camera lost, page hidden). */
  cutShort: boolean;
  /** Why this run is not a break (then nothing is saved), or null when it is one. */
  notABreak: NotABreak | null;
  save: { state: 'not-saved' } | { state: 'saving' } | { state: 'saved'; result: SaveResult } | { state: 'failed'; code: StorageErrorCode; detail: string };
  trace: PoseTrace | null;
}

export interface PlayRequest {
  game: GameId;
  durationSeconds: number;
  recordTrace: boolean;
}

/** Nobody in view this long (getting ready or playing): the game ends and the camera turns off. */
const IDLE_MS = (devOptions.idleSeconds ?? 30) * 1000;

type Size = { width: number; height: number };

/** The part of the frame shown on the stage (the whole frame until the stage is measured). */
export function shownArea(frame: Size, box: Size | null): Rect {
  return box ? visibleArea(frame, box, stageFit(frame, box)) : { x: 0, y: 0, width: frame.width, height: frame.height };
}

/** The stage itself in frame pixels (for placing HUD marks over the picture). */
export function stageInFrame(frame: Size, box: Size | null): Rect {
  return box ? boxInFrame(frame, box, stageFit(frame, box)) : { x: 0, y: 0, width: frame.width, height: frame.height };
}

interface Running {
  request: PlayRequest;
  seed: number;
  /** Created at the first frame, which gives the frame size. */
  run: Run | null;
  frames: TraceFrames;
  recorder: TraceRecorder | null;
  /** Frame time (as the run sees it) of the latest frame. */
  lastT: number | null;
  startedAt: number;
  unsubscribe: () => void;
}

function hudWork(game: GameId, state: RunState): number {
  const unit = workUnit(game);
  if (unit === 'hits') return state.game?.reach?.hits ?? state.reps;
  if (unit === 'holdSeconds') return state.phase === 'get-ready' ? 0 : Math.floor(state.game?.sideBend?.holdSeconds ?? 0);
  return state.reps;
}

/** One game at a time: the run fed by the live pipeline's poses, its HUD, and its summary once done. */
export const PlayModel = createModel((live: LiveModel, reminders: RemindersModel, progress: ProgressModel) => {
  const { status: liveStatus, onPose, stop: stopLive } = live;
  const hud = signal<Hud | null>(null);
  /** Size of the play stage on screen (set by the live panel): with the frame size it gives what the person sees. */
  const stageBox = signal<Size | null>(null);
  const summary = signal<SummaryState | null>(null);
  let running: Running | null = null;

  function onFrame(message: PoseMessage): void {
    const active = running;
    if (!active) return;
    const { width, height } = message;
    if (!active.run) {
      // Reach places its targets inside what the person sees now (recorded, so a replay places them alike).
      const view = shownArea({ width, height }, stageBox.value);
      const config = { game: active.request.game, seed: active.seed, durationMs: active.request.durationSeconds * 1000, countdownMs: DEFAULT_COUNTDOWN_MS, idleMs: IDLE_MS, view };
      active.run = createRun({ ...config, width, height });
      if (active.request.recordTrace) active.recorder = new TraceRecorder({ width, height, run: config });
    }
    // The frame exactly as a trace stores it (relative time, quantized), or null for a repeated time.
    const frame = active.recorder ? active.recorder.push(message.t, message.keypoints) : active.frames.next(message.t, message.keypoints);
    if (!frame) return;
    active.lastT = frame.t;
    const previousPhase = active.run.state.phase;
    const state = active.run.frame(frame.t, frame.kp);
    if (state.phase === 'playing' && previousPhase !== 'playing') active.startedAt = Date.now();
    if (state.phase === 'done') finish(active, state.result!);
    else publish(active, state);
  }

  function publish(active: Running, state: RunState): void {
    const previous = hud.value;
    if (!previous || state.phase === 'done') return;
    const { width, height } = active.run!.config;
    const target = state.reach;
    const next: Hud = {
      game: active.request.game,
      loading: false,
      phase: state.phase,
      needs: state.needs,
      lost: state.lost,
      reps: state.reps,
      work: hudWork(active.request.game, state),
      secondsLeft: state.secondsLeft,
      countdown: state.countdown,
      frame: { width, height },
      target: target && { x: Math.round(target.x), y: Math.round(target.y), r: Math.round(target.radius) },
      hold: state.hold && { ...state.hold, fraction: Math.round(state.hold.fraction * 20) / 20 },
      attempt: state.cue && { cue: state.cue },
    };
    const changed = (Object.keys(next) as Array<keyof Hud>).some((key) => JSON.stringify(next[key]) !== JSON.stringify(previous[key]));
    if (changed) hud.value = next;
  }

  /** Ends the game now (stop button, camera lost): saves what was played and shows the summary. */
  function finishPlay(reason: Extract<EndReason, 'stopped' | 'camera-lost'>): void {
    const active = running;
    if (!active) return;
    if (!active.run) {
      // Not a single frame yet: nothing was played.
      end(active);
      stopLive('stopped');
      return;
    }
    finish(active, active.run.stop(reason).result!);
  }

  /** Leaves without a summary (a new game replaces this one, or it ended). */
  function end(active: Running | null): void {
    running = null;
    active?.unsubscribe();
    hud.value = null;
  }

  function finish(active: Running, result: RunResult): void {
    end(active);
    const cameraOff = result.reason === 'idle' ? 'paused-empty' : 'stopped';
    if (!result.played) {
      stopLive(cameraOff);
      return; // nothing was played: nothing to save
    }
    const session: StoredSession = {
      id: crypto.randomUUID(),
      game: active.request.game,
      startedAt: active.startedAt,
      date: localDay(new Date(active.startedAt)),
      durationSeconds: result.durationSeconds,
      reps: result.reps,
      activeSeconds: result.activeSeconds,
      movementPoints: result.movementPoints,
      seed: active.seed,
    };
    if (result.hits !== undefined) session.hits = result.hits;
    if (result.holdSeconds !== undefined) session.holdSeconds = result.holdSeconds;
    if (active.recorder && active.lastT !== null) active.recorder.end(active.lastT, result.reason);
    // Only a real break is saved (history, streaks, bests, team uploads); the rule lives in core/play.
    const notABreak = notABreakReason(result);
    summary.value = {
      session, cutShort: result.cutShort, notABreak, save: { state: notABreak ? 'not-saved' : 'saving' }, trace: active.recorder?.toTrace() ?? null,
    };
    stopLive(cameraOff);
    if (notABreak) return;
    reminders.recordBreakTaken(); // the next reminder counts from this break
    void persist(session);
  }

  /** Saves (or retries saving) the summary's session; a failure keeps it on screen, nothing lost. */
  async function persist(session: StoredSession): Promise<void> {
    const update = (save: SummaryState['save']) => {
      if (summary.value?.session.id === session.id) summary.value = { ...summary.value, save };
    };
    update({ state: 'saving' });
    try {
      update({ state: 'saved', result: await saveSession(session) });
      progress.noteBreak();
    } catch (error) {
      const storageError = toStorageError(error);
      update({ state: 'failed', code: storageError.code, detail: storageError.message });
    }
  }

  // The camera can stop under a game (stop button, page hidden, camera lost, worker failure):
  // the game ends with what was played so far.
  effect(() => {
    const status = liveStatus.value;
    if (running && status !== 'live' && status !== 'starting') finishPlay(status === 'stopped' ? 'stopped' : 'camera-lost');
  });

  return {
    hud,
    stageBox,
    summary,
    start(request: PlayRequest): void {
      end(running);
      summary.value = null;
      running = {
        request,
        seed: crypto.getRandomValues(new Uint32Array(1))[0],
        run: null,
        frames: new TraceFrames(),
        recorder: null,
        lastT: null,
        startedAt: Date.now(),
        unsubscribe: onPose((message) => onFrame(message)),
      };
      hud.value = {
        game: request.game, loading: true, phase: 'get-ready', needs: 'step-in', lost: false, reps: 0, work: 0,
        secondsLeft: request.durationSeconds, countdown: Math.ceil(DEFAULT_COUNTDOWN_MS / 1000), frame: null, target: null, hold: null, attempt: null,
      };
    },
    persist,
    /** Closes the summary; with `keepUnsaved`, one whose result is not yet saved (saving, or failed with a retry) stays, so nothing is lost. */
    closeSummary(keepUnsaved = false): void {
      const state = summary.value?.save.state;
      if (!keepUnsaved || state === 'saved' || state === 'not-saved') summary.value = null;
    },
    /** The live panel's stage size (null when it goes). */
    setStageBox(box: Size | null): void {
      stageBox.value = box;
    },
  };
});
export type PlayModel = InstanceType<typeof PlayModel>;
