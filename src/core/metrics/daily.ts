/** Daily totals and streaks over local dates given as 'YYYY-MM-DD' (the app supplies the local date). */
import { addDays, assertDay, isDay } from '../calendar';

export interface SessionRecord {
  /** Local calendar date of the session, 'YYYY-MM-DD'. */
  date: string;
  reps: number;
  activeSeconds: number;
  movementPoints: number;
}

export interface DailyTotal {
  date: string;
  sessions: number;
  reps: number;
  activeSeconds: number;
  movementPoints: number;
}

/** Sums sessions per date; result sorted by date. Activity seconds are kept to 0.1 s. */
export function sumDaily(sessions: Iterable<SessionRecord>): DailyTotal[] {
  const byDate = new Map<string, DailyTotal>();
  for (const s of sessions) {
    assertDay(s.date);
    const day = byDate.get(s.date) ?? { date: s.date, sessions: 0, reps: 0, activeSeconds: 0, movementPoints: 0 };
    day.sessions++;
    day.reps += Math.max(0, s.reps);
    day.activeSeconds = Math.round((day.activeSeconds + Math.max(0, s.activeSeconds)) * 10) / 10;
    day.movementPoints += Math.max(0, s.movementPoints);
    byDate.set(s.date, day);
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Consecutive active days ending today; a streak that ended yesterday still stands today until the
 * day is over (the user has not missed it yet).
 */
export function currentStreak(activeDates: Iterable<string>, today: string): number {
  const set = new Set(activeDates);
  let day = set.has(today) ? today : addDays(today, -1);
  let n = 0;
  while (set.has(day)) {
    n++;
    day = addDays(day, -1);
  }
  return n;
}

/** Longest run of consecutive dates in the set. */
export function longestStreak(activeDates: Iterable<string>): number {
  const sorted = [...new Set(activeDates)].filter(isDay).sort();
  let best = 0;
  let run = 0;
  let prev: string | null = null;
  for (const d of sorted) {
    run = prev !== null && addDays(prev, 1) === d ? run + 1 : 1;
    best = Math.max(best, run);
    prev = d;
  }
  return best;
}
