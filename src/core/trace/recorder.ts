import { KEYPOINT_NAMES, POSE_VECTOR_LENGTH, type PoseVector } from '../pose/keypoints';
import { TRACE_FORMAT, type PoseTrace, type TraceFrame } from './format';

export interface TraceRecorderOptions {
  width: number;
  height: number;
  fps?: number;
  model?: string;
  /** Bound memory in developer mode: frames beyond this are dropped (default 10 min at 30 fps). */
  maxFrames?: number;
}

/**
 * Collects keypoints (never images) from a live session into a pose-trace/1 object.
 * Timestamps may be absolute (performance.now()); they are stored relative to the first push.
 */
export class TraceRecorder {
  private readonly frames: TraceFrame[] = [];
  private t0: number | null = null;
  private lastT = -Infinity;
  /** Frames rejected because t did not increase or kp was malformed, or the recorder was full. */
  dropped = 0;

  constructor(private readonly opts: TraceRecorderOptions) {}

  get length(): number {
    return this.frames.length;
  }

  push(t: number, kp: PoseVector | null): void {
    if (!Number.isFinite(t)) return void this.dropped++;
    if (this.t0 === null) this.t0 = t;
    const rel = t - this.t0;
    const malformed = kp !== null && (kp.length !== POSE_VECTOR_LENGTH || !Array.prototype.every.call(kp, Number.isFinite));
    if (rel <= this.lastT || malformed || this.frames.length >= (this.opts.maxFrames ?? 18_000)) {
      this.dropped++;
      return;
    }
    this.lastT = rel;
    // Copy: the worker's buffers may be reused or transferred after this call.
    this.frames.push({ t: rel, kp: kp === null ? null : Array.from(kp) });
  }

  toTrace(): PoseTrace {
    return {
      format: TRACE_FORMAT,
      model: this.opts.model ?? 'movenet-lightning',
      width: this.opts.width,
      height: this.opts.height,
      fps: this.opts.fps ?? 30,
      keypoints: [...KEYPOINT_NAMES],
      frames: this.frames.slice(),
    };
  }

  clear(): void {
    this.frames.length = 0;
    this.t0 = null;
    this.lastT = -Infinity;
    this.dropped = 0;
  }
}
