/** Reads the local history into what the view shows: today, this week by day, past weeks, streaks. */
import { addDays, currentStreak, localDateString, longestStreak, startOfWeek, type DailyTotal } from '../../core/metrics';
import { purgeAtStart } from '../storage/data-rights';
import { activeDates, dailyTotals } from '../storage/sessions';

export const PAST_WEEKS = 8;

export interface WeekTotal { start: string; movementPoints: number; activeSeconds: number; sessions: number }

export interface HistorySnapshot {
  today: string;
  todayTotal: DailyTotal;
  /** Monday..Sunday of the current week. */
  week: DailyTotal[];
  /** Oldest first, the current week last. */
  weeks: WeekTotal[];
  currentStreak: number;
  longestStreak: number;
}

const empty = (date: string): DailyTotal => ({ date, sessions: 0, reps: 0, activeSeconds: 0, movementPoints: 0 });

export async function loadHistory(now = new Date()): Promise<HistorySnapshot> {
  await purgeAtStart();
  const today = localDateString(now);
  const monday = startOfWeek(today);
  const firstWeek = addDays(monday, -7 * (PAST_WEEKS - 1));
  const [totals, dates] = await Promise.all([dailyTotals(firstWeek, addDays(monday, 6)), activeDates()]);
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
    currentStreak: currentStreak(dates, today),
    longestStreak: longestStreak(dates),
  };
}
