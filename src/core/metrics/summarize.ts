import type { GameId } from '../games/types';
import { replayTrace } from '../play/replay';
import type { RunResult } from '../play/run';
import type { PoseTrace, TraceFrame } from '../trace/format';
import { TRACE_FORMAT } from '../trace/format';
import { KEYPOINT_NAMES } from '../pose/keypoints';

/** The fields of a run's result that make the replay contract's one JSON line (docs/design.md §4), in its order. */
const REPLAY_LINE = ['game', 'reps', 'activeSeconds', 'movementPoints', 'frames', 'hits', 'holdSeconds'] as const;
type ReplayLine = Pick<RunResult, (typeof REPLAY_LINE)[number]>;

/**
 * A trace played through the same run as a live session (core/play): the game and seed default to
 * the ones the trace recorded; a trace without a recorded run plays until its last frame.
 */
export function summarize(
  input: PoseTrace | readonly TraceFrame[],
  gameId?: GameId,
  seed?: number,
  size: { width: number; height: number } = { width: 640, height: 480 },
): ReplayLine {
  const trace: PoseTrace = Array.isArray(input)
    ? { format: TRACE_FORMAT, model: 'unknown', ...size, fps: 30, keypoints: KEYPOINT_NAMES, frames: input as TraceFrame[] }
    : (input as PoseTrace);
  const result = replayTrace(trace, { game: gameId, seed });
  return Object.fromEntries(REPLAY_LINE.filter((k) => result[k] !== undefined).map((k) => [k, result[k]])) as ReplayLine;
}
