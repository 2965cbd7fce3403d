import type { GameId } from '../games/types';
import type { PoseTrace, TraceFrame } from '../trace/format';
import { createRun, END_REASONS, type EndReason, type RunResult } from './run';

export interface ReplayOptions {
  /** Overrides the trace's recorded game (required when the trace records none). */
  game?: GameId;
  /** Overrides the trace's recorded seed (default: the recorded one, else 1). */
  seed?: number;
}

/**
 * The recorded run played again: the same game, seed and timeline, fed the trace's frames, ended
 * the way it ended. A trace without a recorded run plays endlessly and stops at its last frame.
 */
export function replayTrace(trace: PoseTrace, options: ReplayOptions = {}): RunResult {
  const game = options.game ?? trace.run?.game;
  if (!game) throw new Error('the trace records no game: name one');
  const run = createRun({
    game,
    seed: options.seed ?? trace.run?.seed ?? 1,
    durationMs: trace.run?.durationMs ?? Infinity,
    countdownMs: trace.run?.countdownMs,
    idleMs: trace.run?.idleMs,
    width: trace.width,
    height: trace.height,
    ...(trace.run?.view && { view: trace.run.view }),
  });
  return playFrames(run, trace.frames, trace.run?.end?.reason);
}

function playFrames(run: ReturnType<typeof createRun>, frames: readonly TraceFrame[], endReason: string | undefined): RunResult {
  for (const f of frames) {
    if (run.frame(f.t, f.kp).phase === 'done') break;
  }
  // 'time-up' and 'idle' are the run's own ends: if the replay did not reach them itself, the trace just ended.
  const external = END_REASONS.includes(endReason as EndReason) && endReason !== 'time-up' && endReason !== 'idle';
  const reason: EndReason = external ? (endReason as EndReason) : 'end-of-trace';
  return run.stop(reason).result!;
}
