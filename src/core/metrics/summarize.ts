import type { GameId } from '../games/types';
import { replayTrace } from '../play/replay';
import type { RunResult } from '../play/run';
import type { PoseTrace, TraceFrame } from '../trace/format';
import { TRACE_FORMAT } from '../trace/format';
import { KEYPOINT_NAMES } from '../pose/keypoints';

/** The replay contract's one JSON line (docs/design.md §4). */
export interface SessionSummary {
  game: GameId;
  reps: number;
  activeSeconds: number;
  movementPoints: number;
  frames: number;
  hits?: number;
  holdSeconds?: number;
}

/** The contract fields of a run's result, in the contract's order. */
export function toSummary(result: RunResult): SessionSummary {
  const out: SessionSummary = {
    game: result.game,
    reps: result.reps,
    activeSeconds: result.activeSeconds,
    movementPoints: result.movementPoints,
    frames: result.frames,
  };
  if (result.hits !== undefined) out.hits = result.hits;
  if (result.holdSeconds !== undefined) out.holdSeconds = result.holdSeconds;
  return out;
}

/**
 * A trace played through the same run as a live session (core/play): the game and seed default to
 * the ones the trace recorded; a trace without a recorded run plays until its last frame.
 */
export function summarize(
  input: PoseTrace | readonly TraceFrame[],
  gameId?: GameId,
  seed?: number,
  size: { width: number; height: number } = { width: 640, height: 480 },
): SessionSummary {
  const trace: PoseTrace = Array.isArray(input)
    ? { format: TRACE_FORMAT, model: 'unknown', ...size, fps: 30, keypoints: KEYPOINT_NAMES, frames: input as TraceFrame[] }
    : (input as PoseTrace);
  return toSummary(replayTrace(trace, { game: gameId, seed }));
}
