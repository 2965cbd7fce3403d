/** Daily totals and streaks over local dates given as 'YYYY-MM-DD' (the app supplies the local date). */

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

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDateString(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function assertDate(s: string): void {
  if (!isDateString(s)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(s)}`);
}

/** Calendar arithmetic in UTC so daylight-saving changes never skip or repeat a day. */
export function addDays(date: string, days: number): string {
  assertDate(date);
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Monday of the ISO week that contains `date` (weeks start on Monday, as in Sweden and ISO 8601). */
export function startOfWeek(date: string): string {
  assertDate(date);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** The local calendar date of a Date (uses the runtime's time zone). */
export function localDateString(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getFullYear(), 4)}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Sums sessions per date; result sorted by date. Activity seconds are kept to 0.1 s. */
export function sumDaily(sessions: Iterable<SessionRecord>): DailyTotal[] {
  const byDate = new Map<string, DailyTotal>();
  for (const s of sessions) {
    assertDate(s.date);
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
  const sorted = [...new Set(activeDates)].filter(isDateString).sort();
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
