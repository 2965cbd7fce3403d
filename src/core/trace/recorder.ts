import { KEYPOINT_NAMES, POSE_VECTOR_LENGTH, type PoseVector } from '../pose/keypoints';
import { quantizeFrame, TRACE_FORMAT, type PoseTrace, type TraceFrame, type TraceRun } from './format';

/**
 * Turns live frames into frames exactly as a trace stores them: times relative to the first frame,
 * strictly increasing, values quantized as in the file. The play page feeds the run these frames
 * whether or not it records, so a recorded trace replays to the identical result.
 */
export class TraceFrames {
  private t0: number | null = null;
  private lastT = -Infinity;
  /** Frames rejected because t did not increase or kp was malformed. */
  rejected = 0;

  /** The frame as a trace holds it, or null when it must be skipped. */
  next(t: number, kp: ArrayLike<number> | null): TraceFrame | null {
    if (!Number.isFinite(t)) return this.reject();
    if (this.t0 === null) this.t0 = t;
    const malformed = kp !== null && (kp.length !== POSE_VECTOR_LENGTH || !Array.prototype.every.call(kp, Number.isFinite));
    // Copy (inside quantizeFrame): the worker's buffers may be reused or transferred after this call.
    const frame = quantizeFrame(t - this.t0, malformed ? null : kp);
    if (malformed || frame.t <= this.lastT) return this.reject();
    this.lastT = frame.t;
    return frame;
  }

  private reject(): null {
    this.rejected++;
    return null;
  }
}

export interface TraceRecorderOptions {
  width: number;
  height: number;
  fps?: number;
  model?: string;
  /** Bound memory in developer mode: frames beyond this are dropped (default 10 min at 30 fps). */
  maxFrames?: number;
  /** The run being recorded (game, seed, timeline), written into the trace. */
  run?: TraceRun;
}

/**
 * Collects keypoints (never images) from a live session into a pose-trace/1 object.
 * Timestamps may be absolute (performance.now()); they are stored relative to the first push.
 */
export class TraceRecorder {
  private readonly frames: TraceFrame[] = [];
  private normalizer = new TraceFrames();
  private run: TraceRun | undefined;
  private full = 0;

  constructor(private readonly opts: TraceRecorderOptions) {
    this.run = opts.run && { ...opts.run };
  }

  /** Frames rejected because t did not increase or kp was malformed, or the recorder was full. */
  get dropped(): number {
    return this.normalizer.rejected + this.full;
  }

  get length(): number {
    return this.frames.length;
  }

  /** Records a frame; returns it as stored (null when rejected; still returned when the recorder is full). */
  push(t: number, kp: PoseVector | null): TraceFrame | null {
    const frame = this.normalizer.next(t, kp);
    if (!frame) return null;
    if (this.frames.length >= (this.opts.maxFrames ?? 18_000)) this.full++;
    else this.frames.push(frame);
    return frame;
  }

  /** Notes how the recorded run ended (t in the trace's own time, as returned by push). */
  end(t: number, reason: string): void {
    if (this.run) this.run.end = { t, reason };
  }

  toTrace(): PoseTrace {
    const trace: PoseTrace = {
      format: TRACE_FORMAT,
      model: this.opts.model ?? 'movenet-lightning',
      width: this.opts.width,
      height: this.opts.height,
      fps: this.opts.fps ?? 30,
      keypoints: [...KEYPOINT_NAMES],
      frames: this.frames.slice(),
    };
    if (this.run) trace.run = { ...this.run, ...(this.run.end && { end: { ...this.run.end } }) };
    return trace;
  }

  clear(): void {
    this.frames.length = 0;
    this.normalizer = new TraceFrames();
    this.full = 0;
    if (this.run) delete this.run.end;
  }
}
