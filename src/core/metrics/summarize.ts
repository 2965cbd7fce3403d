import { createGame } from '../games';
import type { GameId } from '../games/types';
import type { PoseTrace, TraceFrame } from '../trace/format';
import { MovementMeter } from './movement';

/** The replay contract's one JSON line (design §4). */
export interface SessionSummary {
  game: GameId;
  reps: number;
  activeSeconds: number;
  movementPoints: number;
  frames: number;
  hits?: number;
  holdSeconds?: number;
}

/** Runs a game and the movement meter over recorded frames, exactly as a live session would. */
export function summarize(
  input: PoseTrace | readonly TraceFrame[],
  gameId: GameId,
  seed = 1,
  size: { width: number; height: number } = { width: 640, height: 480 },
): SessionSummary {
  const frames = Array.isArray(input) ? (input as readonly TraceFrame[]) : (input as PoseTrace).frames;
  const { width, height } = Array.isArray(input) ? size : (input as PoseTrace);
  const game = createGame(gameId, { width, height, seed });
  const meter = new MovementMeter();
  for (const f of frames) {
    game.update(f);
    meter.update(f.t, f.kp);
  }
  const s = game.state;
  const out: SessionSummary = {
    game: gameId,
    reps: s.reps,
    activeSeconds: Math.round(meter.activeSeconds * 10) / 10,
    movementPoints: Math.round(meter.points),
    frames: frames.length,
  };
  if (s.reach) out.hits = s.reach.hits;
  if (s.sideBend) out.holdSeconds = s.sideBend.holdSeconds;
  return out;
}
