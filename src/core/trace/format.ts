import { isGameId, type GameId } from '../games/types';
import type { Rect } from '../games/view';
import { KEYPOINT_NAMES, POSE_VECTOR_LENGTH, type PoseVector } from '../pose/keypoints';

/** pose-trace/1: recorded keypoints (never images) for tests, replay and debugging. See docs/design.md §4. */
export const TRACE_FORMAT = 'pose-trace/1';

export interface TraceFrame {
  /** ms from the start of the trace, strictly increasing. */
  t: number;
  /** 51 numbers (x, y in pixels, score 0..1 per keypoint) or null when no person was seen. */
  kp: PoseVector | null;
}

/**
 * The run a trace was recorded from (optional; older pose-trace/1 files have none), so that a replay
 * plays the same game with the same seed and timeline.
 */
export interface TraceRun {
  game: GameId;
  seed: number;
  /** Planned play time; Infinity (written as null) plays until the trace ends. */
  durationMs: number;
  countdownMs: number;
  idleMs: number;
  /** The part of the frame the player saw (reach places its targets inside it); absent = all of it. */
  view?: Rect;
  /** How the run ended: at frame time t (same origin as the frames), for this reason. */
  end?: { t: number; reason: string };
}

export interface PoseTrace {
  format: typeof TRACE_FORMAT;
  model: string;
  width: number;
  height: number;
  fps: number;
  keypoints: readonly string[];
  frames: TraceFrame[];
  run?: TraceRun;
}

/** Thrown by parseTrace; `path` points at the offending field (e.g. "frames[12].kp[4]"). */
export class TraceError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'TraceError';
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function positive(obj: Record<string, unknown>, key: string): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new TraceError(`must be a positive number, got ${JSON.stringify(v)}`, key);
  }
  return v;
}

function nonNegative(obj: Record<string, unknown>, key: string, at: string, allowInfinity = false): number {
  const v = obj[key];
  if (allowInfinity && v === null) return Infinity;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new TraceError(`must be a number ≥ 0${allowInfinity ? ' or null' : ''}, got ${JSON.stringify(v)}`, `${at}.${key}`);
  }
  return v;
}

function parseRun(v: unknown): TraceRun {
  if (!isObject(v)) throw new TraceError('must be an object {game, seed, durationMs, countdownMs, idleMs}', 'run');
  if (!isGameId(v.game)) throw new TraceError(`unknown game ${JSON.stringify(v.game)}`, 'run.game');
  if (typeof v.seed !== 'number' || !Number.isInteger(v.seed)) {
    throw new TraceError(`must be an integer, got ${JSON.stringify(v.seed)}`, 'run.seed');
  }
  const run: TraceRun = {
    game: v.game,
    seed: v.seed,
    durationMs: nonNegative(v, 'durationMs', 'run', true),
    countdownMs: nonNegative(v, 'countdownMs', 'run'),
    idleMs: nonNegative(v, 'idleMs', 'run', true),
  };
  if (v.view !== undefined) {
    const view = v.view;
    if (!isObject(view)) throw new TraceError('must be an object {x, y, width, height}', 'run.view');
    run.view = { x: nonNegative(view, 'x', 'run.view'), y: nonNegative(view, 'y', 'run.view'), width: nonNegative(view, 'width', 'run.view'), height: nonNegative(view, 'height', 'run.view') };
  }
  if (v.end !== undefined) {
    const end = v.end;
    if (!isObject(end)) throw new TraceError('must be an object {t, reason}', 'run.end');
    if (typeof end.t !== 'number' || !Number.isFinite(end.t)) throw new TraceError(`must be a finite number, got ${JSON.stringify(end.t)}`, 'run.end.t');
    if (typeof end.reason !== 'string') throw new TraceError(`must be a string, got ${JSON.stringify(end.reason)}`, 'run.end.reason');
    run.end = { t: end.t, reason: end.reason };
  }
  return run;
}

/** Validates untrusted JSON (already parsed) into a PoseTrace; throws TraceError on the first problem. */
export function parseTrace(json: unknown): PoseTrace {
  if (!isObject(json)) throw new TraceError('a trace must be a JSON object', '$');
  if (json.format !== TRACE_FORMAT) {
    throw new TraceError(`expected "${TRACE_FORMAT}", got ${JSON.stringify(json.format)}`, 'format');
  }
  const model = typeof json.model === 'string' ? json.model : 'unknown';
  const width = positive(json, 'width');
  const height = positive(json, 'height');
  const fps = positive(json, 'fps');

  const names = json.keypoints;
  if (!Array.isArray(names) || names.length !== KEYPOINT_NAMES.length) {
    throw new TraceError(`expected the ${KEYPOINT_NAMES.length} MoveNet keypoint names`, 'keypoints');
  }
  KEYPOINT_NAMES.forEach((name, i) => {
    if (names[i] !== name) {
      throw new TraceError(`expected "${name}" (MoveNet order), got ${JSON.stringify(names[i])}`, `keypoints[${i}]`);
    }
  });

  if (!Array.isArray(json.frames)) throw new TraceError('must be an array', 'frames');
  const frames: TraceFrame[] = [];
  let lastT = -Infinity;
  json.frames.forEach((f: unknown, i: number) => {
    const at = `frames[${i}]`;
    if (!isObject(f)) throw new TraceError('a frame must be an object {t, kp}', at);
    const t = f.t;
    if (typeof t !== 'number' || !Number.isFinite(t)) throw new TraceError(`t must be a finite number`, `${at}.t`);
    if (t <= lastT) throw new TraceError(`t must increase strictly (${t} after ${lastT})`, `${at}.t`);
    lastT = t;
    const kp = f.kp;
    if (kp === null) {
      frames.push({ t, kp: null });
      return;
    }
    if (!Array.isArray(kp)) throw new TraceError('kp must be an array or null', `${at}.kp`);
    if (kp.length !== POSE_VECTOR_LENGTH) {
      throw new TraceError(`kp must have ${POSE_VECTOR_LENGTH} numbers, got ${kp.length}`, `${at}.kp`);
    }
    for (let j = 0; j < kp.length; j++) {
      const v = kp[j];
      // JSON cannot hold NaN, but parsed objects from elsewhere can; null is how JSON.stringify writes NaN.
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new TraceError(`expected a finite number, got ${JSON.stringify(v)}`, `${at}.kp[${j}]`);
      }
    }
    frames.push({ t, kp: kp as number[] });
  });
  const trace: PoseTrace = { format: TRACE_FORMAT, model, width, height, fps, keypoints: [...KEYPOINT_NAMES], frames };
  if (json.run !== undefined) trace.run = parseRun(json.run);
  return trace;
}

/** Parses a JSON string; syntax errors become TraceError too. */
export function parseTraceText(text: string): PoseTrace {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new TraceError(`not valid JSON (${(e as Error).message})`, '$');
  }
  return parseTrace(json);
}

const round = (v: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

/** A frame as a trace file stores it: t to 0.1 ms, coordinates to 0.1 px, scores to 0.01. Idempotent. */
export function quantizeFrame(t: number, kp: ArrayLike<number> | null): TraceFrame {
  return { t: round(t, 1), kp: kp === null ? null : Array.from(kp, (v, j) => round(v, j % 3 === 2 ? 2 : 1)) };
}

/**
 * One frame per line so diffs and `head` stay readable; coordinates rounded to 0.1 px and scores to
 * 0.01 (well under MoveNet's own jitter) to keep files small.
 */
export function serializeTrace(trace: PoseTrace): string {
  const header = JSON.stringify({
    format: TRACE_FORMAT,
    model: trace.model,
    width: trace.width,
    height: trace.height,
    fps: trace.fps,
    keypoints: KEYPOINT_NAMES,
    // JSON has no Infinity: an endless duration or idle timeout is written as null.
    ...(trace.run && { run: trace.run }),
  });
  const lines = trace.frames.map((f) => JSON.stringify(quantizeFrame(f.t, f.kp)));
  return `${header.slice(0, -1)},"frames":[\n${lines.join(',\n')}\n]}\n`;
}
