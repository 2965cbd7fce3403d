import type { KeypointName, PoseVector } from '../pose/keypoints';
import type { Rect } from './view';

/** Game ids are part of the contract (replay, storage, aggregates). */
export const GAME_IDS = ['squats', 'jumping-jacks', 'arm-raises', 'reach', 'side-bend'] as const;
export type GameId = (typeof GAME_IDS)[number];

export function isGameId(v: unknown): v is GameId {
  return typeof v === 'string' && (GAME_IDS as readonly string[]).includes(v);
}

/** i18n keys for "what to fix" prompts; strings live in the app. */
export type NeedKey =
  | 'step-in'
  | 'show-shoulders'
  | 'show-hands'
  | 'show-hips'
  | 'step-back'
  /** Calibration waits for a rest posture: upright, arms down, feet together. */
  | 'stand-up'
  | 'upright'
  | 'arms-down'
  | 'feet-together';

/** i18n keys for near-miss cues: what would have made the attempt a rep. */
export type CueKey = 'lower' | 'higher' | 'wider' | 'closer' | 'longer' | 'further';

/** A movement that started but fell short of the rep threshold (so the screen can say "a bit lower"). */
export interface Attempt {
  /** ms, frame time when the attempt ended (the person went back to rest without a rep). */
  t: number;
  /** 0..1 how far toward the rep threshold it got. */
  reached: number;
  cue: CueKey;
}

export type GamePhase = 'calibrating' | 'playing';

export interface GameMeta {
  id: GameId;
  seatedFriendly: boolean;
  /** Keypoints the game needs to calibrate (seated-friendly games never list knees/ankles). */
  requiredKeypoints: readonly KeypointName[];
  /** True when the game reports targets hit ('hits') or hold time ('holdSeconds') beside reps. */
  reports: readonly ('hits' | 'holdSeconds')[];
}

export interface GameOptions {
  /** Frame size in pixels (keypoint coordinates are in this frame). */
  width: number;
  height: number;
  /** Seed for games with random elements (reach); default 1. */
  seed?: number;
  /** The part of the frame the person sees on screen (reach places its targets inside it); default the whole frame. */
  view?: Rect;
}

export interface GameFrame {
  /** ms, non-decreasing (any origin). */
  t: number;
  kp: PoseVector | null;
}

export interface ReachTarget {
  /** Centre and radius in pixels of the current frame (follows the body). */
  x: number;
  y: number;
  radius: number;
  /** Which wrist is meant to hit it; either counts. */
  side: 'left' | 'right';
}

export interface ReachFeedback {
  target: ReachTarget | null;
  /** 0-based index of the current target in the seeded sequence. */
  targetIndex: number;
  hits: number;
  misses: number;
  /** ms left before the current target expires (null between targets). */
  remainingMs: number | null;
}

export interface SideBendFeedback {
  /** Side the person currently bends toward (their own left/right), null when upright. */
  side: 'left' | 'right' | null;
  /** Current hold in ms and the hold that makes a rep. */
  holdMs: number;
  holdTargetMs: number;
  /** Side to do next (alternates after each completed hold). */
  nextSide: 'left' | 'right';
  /** Total seconds spent bent past the threshold. */
  holdSeconds: number;
  /** Bend angle in degrees relative to the calibrated upright posture (signed: + = toward left). */
  angleDeg: number;
}

export interface GameState {
  game: GameId;
  t: number;
  phase: GamePhase;
  /** A person is in the frame (kp not null and shoulders visible). */
  personVisible: boolean;
  /** What the person must fix for the game to see them, null when all is fine. */
  needs: NeedKey | null;
  /** 0..1 while calibrating. */
  calibration: number;
  /** Completed reps (reach: targets hit; side-bend: completed holds). */
  reps: number;
  /** 'active' while in the "down"/"open"/"up" half of a rep. */
  stage: 'rest' | 'active';
  /** 0..1 how close the current movement is to the rep threshold (for a meter). */
  progress: number;
  /** t of the last counted rep, null before the first. */
  lastRepAt: number | null;
  /** The latest near miss (movement that started but did not count), null before any. */
  lastAttempt: Attempt | null;
  /** ms spent in the playing phase. */
  elapsedMs: number;
  reach?: ReachFeedback;
  sideBend?: SideBendFeedback;
}

export interface Game {
  readonly meta: GameMeta;
  update(frame: GameFrame): GameState;
  readonly state: GameState;
}
