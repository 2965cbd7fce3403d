/**
 * Correcting a stored break (the right to rectification): the person sets the count of the game's
 * own unit (reps, targets hit, seconds held) and the active time, within what the game itself
 * could have produced in the time played; everything derived from them follows. Pure, so the
 * History dialog, storage and tests agree.
 *
 * - Bounds: at least the break rule's minimum (a correction never turns a break into none:
 *   deleting is its own action), at most what the game can count in the time it counted
 *   (play time plus the countdown, since counting starts at calibration): one rep per the
 *   game's shortest rep cycle, one target per target delay, one second held per second.
 *   The measured value is always allowed, so undoing a correction is always possible.
 * - Movement points come from keypoint travel, which is not stored. The travel behind a unit of
 *   work is kept as measured, and points are recomputed from the corrected work by the meter's
 *   own function (pointsFromTravel), then rounded as a run rounds them.
 * - The first correction keeps what the game measured (`corrected.measured`); later corrections
 *   start again from it, so corrections never compound rounding.
 */
import { MIN_CYCLE_MS as ARM_RAISES_CYCLE_MS } from '../games/arm-raises';
import { MIN_CYCLE_MS as JUMPING_JACKS_CYCLE_MS } from '../games/jumping-jacks';
import { REACH_NEXT_DELAY_MS } from '../games/reach';
import { HOLD_TARGET_MS } from '../games/side-bend';
import { MIN_CYCLE_MS as SQUATS_CYCLE_MS } from '../games/squats';
import type { GameId } from '../games/types';
import { pointsFromTravel, travelFromPoints } from '../metrics/movement';
import { breaksOnly, isBreak, MIN_HOLD_SECONDS, workDone, type WorkRecord, type WorkUnit } from './break';
import { DEFAULT_COUNTDOWN_MS } from './run';

/** What the game measured, kept on a corrected break. */
export interface Measured {
  reps: number;
  hits?: number;
  holdSeconds?: number;
  activeSeconds: number;
  movementPoints: number;
}

/** The fields of a stored break that a correction reads and writes. */
export interface BreakRecord extends Measured {
  game: GameId;
  durationSeconds: number;
  /** Set once the person corrected the break: when (epoch ms) and what the game measured. */
  corrected?: { at: number; measured: Measured };
}

export interface CorrectionLimits {
  unit: WorkUnit;
  /** The count, in the game's unit (whole reps/targets; seconds held to 0.1 s). */
  count: { min: number; max: number; step: number };
  /** Active seconds, to 0.1 s. */
  activeSeconds: { min: number; max: number };
}

export interface CorrectionInput {
  count: number;
  activeSeconds: number;
}

export type CorrectionProblem = 'count-not-a-number' | 'count-too-low' | 'count-too-high' | 'active-not-a-number' | 'active-too-low' | 'active-too-high';

export type CorrectionResult<T> = { ok: true; record: T } | { ok: false; problem: CorrectionProblem; limits: CorrectionLimits };

/** The shortest time between two counted reps, per game (each game's own constant). */
const REP_CYCLE_MS: Record<Exclude<GameId, 'reach' | 'side-bend'>, number> = {
  squats: SQUATS_CYCLE_MS,
  'jumping-jacks': JUMPING_JACKS_CYCLE_MS,
  'arm-raises': ARM_RAISES_CYCLE_MS,
};

const round1 = (v: number) => Math.round(v * 10) / 10;

/** What the game measured: kept from the first correction, else the record itself. */
export function measuredOf(record: BreakRecord): Measured {
  if (record.corrected) return record.corrected.measured;
  const { reps, hits, holdSeconds, activeSeconds, movementPoints } = record;
  const out: Measured = { reps, activeSeconds, movementPoints };
  if (hits !== undefined) out.hits = hits;
  if (holdSeconds !== undefined) out.holdSeconds = holdSeconds;
  return out;
}

/** What the person may enter for this break. */
export function correctionLimits(record: BreakRecord): CorrectionLimits {
  const measured = measuredOf(record);
  const { unit, value: measuredCount } = workDone({ ...measured, game: record.game, durationSeconds: record.durationSeconds });
  // Counting runs from calibration on: the countdown, then the time played.
  const countingMs = Math.max(0, record.durationSeconds) * 1000 + DEFAULT_COUNTDOWN_MS;
  let max: number;
  if (unit === 'holdSeconds') max = round1(countingMs / 1000);
  else if (unit === 'hits') max = Math.floor(countingMs / REACH_NEXT_DELAY_MS) + 1;
  else max = Math.floor(countingMs / REP_CYCLE_MS[record.game as keyof typeof REP_CYCLE_MS]) + 1;
  const min = unit === 'holdSeconds' ? MIN_HOLD_SECONDS : 1;
  return {
    unit,
    count: { min, max: Math.max(max, measuredCount, min), step: unit === 'holdSeconds' ? 0.1 : 1 },
    activeSeconds: { min: 0, max: Math.max(round1(countingMs / 1000), measured.activeSeconds) },
  };
}

/**
 * The break with the person's count and active time; derived values follow: reach's reps are its
 * hits, side-bend's completed holds are capped by the seconds held, movement points keep the
 * measured travel per unit of work. Out-of-range input is refused (never silently clamped).
 */
export function correctBreak<T extends BreakRecord>(record: T, input: CorrectionInput, at: number): CorrectionResult<T> {
  const limits = correctionLimits(record);
  const refuse = (problem: CorrectionProblem): CorrectionResult<T> => ({ ok: false, problem, limits });
  if (!Number.isFinite(input.count)) return refuse('count-not-a-number');
  if (!Number.isFinite(input.activeSeconds)) return refuse('active-not-a-number');
  const count = limits.unit === 'holdSeconds' ? round1(input.count) : Math.round(input.count);
  const activeSeconds = round1(input.activeSeconds);
  if (count < limits.count.min) return refuse('count-too-low');
  if (count > limits.count.max) return refuse('count-too-high');
  if (activeSeconds < limits.activeSeconds.min) return refuse('active-too-low');
  if (activeSeconds > limits.activeSeconds.max) return refuse('active-too-high');

  const measured = measuredOf(record);
  const measuredCount = workDone({ ...measured, game: record.game, durationSeconds: record.durationSeconds }).value;
  // Travel per unit of work as measured; with nothing measured to scale from, the points stay.
  const sameCount = count === measuredCount;
  const movementPoints = sameCount || measuredCount <= 0 ? measured.movementPoints : Math.round(pointsFromTravel((travelFromPoints(measured.movementPoints) / measuredCount) * count));

  const next: T = { ...record, activeSeconds, movementPoints };
  if (limits.unit === 'hits') {
    next.hits = count;
    next.reps = count;
  } else if (limits.unit === 'holdSeconds') {
    next.holdSeconds = count;
    // More seconds held cannot tell how many stretches were held to the end; fewer can cap them.
    next.reps = sameCount ? measured.reps : Math.min(measured.reps, Math.floor((count * 1000) / HOLD_TARGET_MS));
  } else {
    next.reps = count;
  }
  const unchanged = next.reps === measured.reps && next.hits === measured.hits && next.holdSeconds === measured.holdSeconds && activeSeconds === measured.activeSeconds;
  if (unchanged) {
    // Set back to what the game measured: no longer a corrected break.
    const restored = { ...next, ...measured };
    delete restored.corrected;
    return { ok: true, record: restored };
  }
  next.corrected = { at, measured };
  return { ok: true, record: next };
}

/**
 * Which of two records is the better personal best: more reps (reach: targets hit; side-bend:
 * stretches held to the end), then more movement points. A first best needs at least one rep:
 * movement points alone are no achievement.
 */
export function beatsBest(record: { reps: number; movementPoints: number }, best: { reps: number; movementPoints: number } | null | undefined): boolean {
  if (!best) return record.reps > 0;
  return record.reps > best.reps || (record.reps === best.reps && record.movementPoints > best.movementPoints);
}

/** The best of some records by beatsBest (null when none has a rep); the earliest wins a tie. */
export function bestOf<T extends { reps: number; movementPoints: number }>(records: Iterable<T>): T | null {
  let best: T | null = null;
  for (const r of records) if (beatsBest(r, best)) best = r;
  return best;
}

/**
 * The personal bests to show: each stored best stands unless its break is still stored and no
 * break by today's rule (kept by an earlier version); then the best stored break of that game
 * takes its place (none: no best).
 */
export function checkedBests<B extends { game: GameId; sessionId: string }, S extends WorkRecord & { id: string; startedAt: number; movementPoints: number }>(
  bests: Iterable<B>,
  sessions: readonly S[],
  bestFrom: (session: S) => B,
): Map<GameId, B> {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const out = new Map<GameId, B>();
  for (const best of bests) {
    const session = byId.get(best.sessionId);
    if (!session || isBreak(session)) {
      out.set(best.game, best);
      continue;
    }
    const found = bestOf(breaksOnly(sessions.filter((s) => s.game === best.game)).sort((a, b) => a.startedAt - b.startedAt));
    if (found) out.set(best.game, bestFrom(found));
  }
  return out;
}
