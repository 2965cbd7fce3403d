/** Reads the local history into what the view shows: today, this week by day, past weeks, streaks. */
import { addDays, localDay, startOfWeek } from '../../core/calendar';
import { goalStreaks, type DailyGoal, type DailyTotal } from '../../core/metrics';
import { readGoal } from '../games/progress';
import { purgeAtStart } from '../storage/data-rights';
import type { StoredSession } from '../storage/db';
import { dailyTotals, sessionsBetween } from '../storage/sessions';

export const PAST_WEEKS = 8;
/** How many of the latest breaks the list shows. */
export const LIST_BREAKS = 30;

export interface WeekTotal { start: string; movementPoints: number; activeSeconds: number; sessions: number }

export interface HistorySnapshot {
  today: string;
  todayTotal: DailyTotal;
  /** Monday..Sunday of the current week. */
  week: DailyTotal[];
  /** Oldest first, the current week last. */
  weeks: WeekTotal[];
  /** Streaks count days on which the daily goal was met. */
  goal: DailyGoal;
  currentStreak: number;
  longestStreak: number;
  /** The latest breaks, newest first. */
  breaks: StoredSession[];
}

const empty = (date: string): DailyTotal => ({ date, sessions: 0, reps: 0, activeSeconds: 0, movementPoints: 0 });

export async function loadHistory(now = new Date()): Promise<HistorySnapshot> {
  await purgeAtStart();
  const today = localDay(now);
  const monday = startOfWeek(today);
  const firstWeek = addDays(monday, -7 * (PAST_WEEKS - 1));
  const [totals, allDays, goal, sessions] = await Promise.all([
    dailyTotals(firstWeek, addDays(monday, 6)), dailyTotals('1970-01-01', today), readGoal(), sessionsBetween(firstWeek, today),
  ]);
  const byDate = new Map(totals.map((d) => [d.date, d]));
  const week = Array.from({ length: 7 }, (_, i) => byDate.get(addDays(monday, i)) ?? empty(addDays(monday, i)));
  const weeks: WeekTotal[] = Array.from({ length: PAST_WEEKS }, (_, w) => {
    const start = addDays(firstWeek, 7 * w);
    const days = Array.from({ length: 7 }, (_, i) => byDate.get(addDays(start, i))).filter((d): d is DailyTotal => !!d);
    return {
      start,
      movementPoints: days.reduce((sum, d) => sum + d.movementPoints, 0),
      activeSeconds: days.reduce((sum, d) => sum + d.activeSeconds, 0),
      sessions: days.reduce((sum, d) => sum + d.sessions, 0),
    };
  });
  return {
    today,
    todayTotal: byDate.get(today) ?? empty(today),
    week,
    weeks,
    goal,
    ...(({ current, longest }) => ({ currentStreak: current, longestStreak: longest }))(goalStreaks(allDays, goal, today)),
    breaks: sessions.sort((a, b) => b.startedAt - a.startedAt).slice(0, LIST_BREAKS),
  };
}
