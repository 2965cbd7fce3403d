import { KEYPOINT_NAMES, POSE_VECTOR_LENGTH, type PoseVector } from '../pose/keypoints';

/** pose-trace/1: recorded keypoints (never images) for tests, replay and debugging. See design §4. */
export const TRACE_FORMAT = 'pose-trace/1';

export interface TraceFrame {
  /** ms from the start of the trace, strictly increasing. */
  t: number;
  /** 51 numbers (x, y in pixels, score 0..1 per keypoint) or null when no person was seen. */
  kp: PoseVector | null;
}

export interface PoseTrace {
  format: typeof TRACE_FORMAT;
  model: string;
  width: number;
  height: number;
  fps: number;
  keypoints: readonly string[];
  frames: TraceFrame[];
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
  return { format: TRACE_FORMAT, model, width, height, fps, keypoints: [...KEYPOINT_NAMES], frames };
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
  });
  const lines = trace.frames.map((f) => {
    const kp = f.kp === null ? null : Array.from(f.kp, (v, j) => round(v, j % 3 === 2 ? 2 : 1));
    return JSON.stringify({ t: round(f.t, 1), kp });
  });
  return `${header.slice(0, -1)},"frames":[\n${lines.join(',\n')}\n]}\n`;
}
