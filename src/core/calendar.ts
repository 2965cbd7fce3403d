/**
 * Calendar days and ISO weeks, the one implementation used by page, workers and server.
 * A day is a string 'YYYY-MM-DD'. Day arithmetic runs on UTC dates so that daylight-saving changes
 * never skip or repeat a day. Only `localDay`, `localDayStart` and `localDayEnd` read the runtime's
 * time zone (the person's own day: history, goals, the day an upload belongs to); `utcDay` and
 * `utcDayStart` are the server's day (token keys, upload windows, retention).
 * Pure: no DOM or Node APIs.
 */

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The same shape as a JSON-schema pattern (real dates are checked with `isDay`). */
export const DAY_PATTERN_SOURCE = '^\\d{4}-\\d{2}-\\d{2}$';
export const WEEK_PATTERN_SOURCE = '^\\d{4}-W\\d{2}$';

/** True for a real calendar day written YYYY-MM-DD (not 2026-02-30, not years before 100). */
export function isDay(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DAY_RE.exec(s);
  return m !== null && utcDay(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))) === s;
}

export function assertDay(day: unknown): asserts day is string {
  if (!isDay(day)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(day)}`);
}

/** Year, month (1–12) and day of a valid day; throws RangeError otherwise. */
function parts(day: string): [number, number, number] {
  assertDay(day);
  return day.split('-').map(Number) as [number, number, number];
}

/** `day` plus `n` days; independent of any time zone. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = parts(day);
  return utcDay(new Date(Date.UTC(y, m - 1, d + n)));
}

/** The UTC calendar day of an instant: the server's day. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Epoch ms of the UTC midnight that starts `day`. */
export function utcDayStart(day: string): number {
  const [y, m, d] = parts(day);
  return Date.UTC(y, m - 1, d);
}

/** The calendar day of an instant where the person is (the runtime's time zone). */
export function localDay(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(date.getFullYear(), 4)}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

/** Epoch ms of the local midnight that starts `day` (a local day is 23 or 25 hours on DST changes). */
export function localDayStart(day: string): number {
  const [y, m, d] = parts(day);
  return new Date(y, m - 1, d).getTime();
}

/** Epoch ms of the local midnight that ends `day`. */
export function localDayEnd(day: string): number {
  return localDayStart(addDays(day, 1));
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  return ((new Date(utcDayStart(day)).getUTCDay() + 6) % 7) + 1;
}

/** Monday of the ISO week that holds `day` (weeks start on Monday, as in Sweden and ISO 8601). */
export function startOfWeek(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

/** ISO-8601 week number and its year: the Thursday of the day's week decides the year. */
export function isoWeek(day: string): { year: number; week: number } {
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = Number(thursday.slice(0, 4));
  return { year, week: 1 + Math.floor((utcDayStart(thursday) - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) };
}

/** ISO week of a day as YYYY-Www (the key of a challenge or a weekly team total). */
export function isoWeekOf(day: string): string {
  const { year, week } = isoWeek(day);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The seven days (Monday first) of an ISO week YYYY-Www; null when the week does not exist. */
export function daysOfIsoWeek(week: string): string[] | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m || +m[1] < 100) return null;
  const jan4 = `${m[1]}-01-04`; // always in week 1
  const monday = addDays(startOfWeek(jan4), 7 * (Number(m[2]) - 1));
  if (isoWeekOf(monday) !== week) return null;
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}
