/**
 * When a played run counts as a break (history, streaks, personal bests, team uploads), and in which
 * unit each game reports its work. Pure, so the page, replay and tests agree.
 *
 * The rule: at least MIN_BREAK_SECONDS of play (the clock runs only while the person is in view) AND
 * some of the game's own work done: one rep, one target hit, or one second held. Why these numbers:
 * - 20 s is a third of the shortest game the app offers (1 min): a short, honest break still counts,
 *   a game stopped after a few seconds does not.
 * - Play time, not the movement meter's "active seconds": a held stretch is still on purpose, so
 *   side-bend would never reach an activity minimum although it is exactly the break we want.
 * - One unit of work: a run of standing still (0 reps) is not a break, however long.
 */
import type { GameId } from '../games/types';

export const MIN_BREAK_SECONDS = 20;
/** Seconds held that count as work on a hold game. */
export const MIN_HOLD_SECONDS = 1;

/** What a game counts, as the user sees it: reps, targets hit, or seconds held. */
export type WorkUnit = 'reps' | 'hits' | 'holdSeconds';

export function workUnit(game: GameId): WorkUnit {
  if (game === 'reach') return 'hits';
  if (game === 'side-bend') return 'holdSeconds';
  return 'reps';
}

/** The fields of a run result (or stored session) the rule reads. */
export interface WorkRecord {
  game: GameId;
  reps: number;
  hits?: number;
  holdSeconds?: number;
  durationSeconds: number;
}

/** The game's own count of work, in its own unit. */
export function workDone(record: WorkRecord): { unit: WorkUnit; value: number } {
  const unit = workUnit(record.game);
  const value = unit === 'hits' ? (record.hits ?? record.reps) : unit === 'holdSeconds' ? (record.holdSeconds ?? 0) : record.reps;
  return { unit, value: Math.max(0, value) };
}

/** Why a played run is not a break (null when it is one). */
export type NotABreak = 'too-short' | 'nothing-done';

export function notABreakReason(record: WorkRecord & { played?: boolean }): NotABreak | null {
  const { unit, value } = workDone(record);
  if (value < (unit === 'holdSeconds' ? MIN_HOLD_SECONDS : 1)) return 'nothing-done';
  if (record.played === false || record.durationSeconds < MIN_BREAK_SECONDS) return 'too-short';
  return null;
}

export function isBreak(record: WorkRecord & { played?: boolean }): boolean {
  return notABreakReason(record) === null;
}

/**
 * What is read back as history: only breaks by today's rule. Sessions stored by earlier versions
 * that are none (a minute of standing still, a few seconds) stay stored and exported, but never
 * reach History, streaks, bests or uploads.
 */
export function breaksOnly<T extends WorkRecord>(records: Iterable<T>): T[] {
  return [...records].filter((r) => isBreak(r));
}
