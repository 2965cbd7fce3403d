/**
 * The daily goal the user sets (a number of breaks or of active minutes), progress against it,
 * streaks measured against it, and a suggested next game. Pure: the page supplies the stored data.
 */
import { GAME_IDS, GAMES, type GameId } from '../games';
import { currentStreak, longestStreak, type DailyTotal } from './daily';

export type GoalKind = 'breaks' | 'minutes';
export interface DailyGoal { kind: GoalKind; target: number }

/** Three short breaks spread over a working day: a modest default the user can change. */
export const DEFAULT_GOAL: DailyGoal = { kind: 'breaks', target: 3 };
export const GOAL_TARGETS: Record<GoalKind, readonly number[]> = { breaks: [1, 2, 3, 4, 5, 6, 8], minutes: [2, 3, 5, 10, 15, 20] };

/** A stored goal read back safely: anything unknown falls back to the default. */
export function parseGoal(value: unknown): DailyGoal {
  const v = value as Partial<DailyGoal> | null;
  if (v && (v.kind === 'breaks' || v.kind === 'minutes') && GOAL_TARGETS[v.kind].includes(v.target as number)) return { kind: v.kind, target: v.target! };
  return DEFAULT_GOAL;
}

/** How far a day is toward the goal, in the goal's unit (breaks, or whole active minutes, floored). */
export function goalProgress(day: Pick<DailyTotal, 'sessions' | 'activeSeconds'> | undefined, goal: DailyGoal): { done: number; target: number; met: boolean } {
  const done = !day ? 0 : goal.kind === 'breaks' ? day.sessions : Math.floor(day.activeSeconds / 60);
  return { done, target: goal.target, met: done >= goal.target };
}

/** Streaks count days on which the goal was met (today counts once met; until then yesterday's streak stands). */
export function goalStreaks(days: readonly DailyTotal[], goal: DailyGoal, today: string): { current: number; longest: number } {
  const met = days.filter((d) => goalProgress(d, goal).met).map((d) => d.date);
  return { current: currentStreak(met, today), longest: longestStreak(met) };
}

/**
 * The next game to suggest, from the games played most recent first: variety (the game played
 * longest ago, or never), and a seated-friendly one right after a standing game.
 */
export function suggestNextGame(recent: readonly GameId[]): GameId {
  const last = recent[0];
  const wantSeated = last !== undefined && !GAMES[last].seatedFriendly;
  const candidates = GAME_IDS.filter((id) => id !== last && (!wantSeated || GAMES[id].seatedFriendly));
  const age = (id: GameId) => {
    const i = recent.indexOf(id);
    return i === -1 ? Infinity : i;
  };
  // Oldest first; ties (never played) keep the catalogue's order.
  return candidates.reduce((best, id) => (age(id) > age(best) ? id : best), candidates[0]);
}
