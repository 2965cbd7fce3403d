/**
 * Wall-clock time in an IANA time zone, computed with Intl.DateTimeFormat only (no Date.now(), no
 * runtime time zone). Daylight-saving changes are handled exactly: a local time that does not exist
 * (spring forward) moves forward by the gap, one that occurs twice (fall back) takes the earlier
 * instant — the same rule as Temporal's `disambiguation: 'compatible'`.
 */
import { isoWeekday } from '../calendar';

const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function fields(t: number, timeZone: string): Fields {
  const out: Fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatter(timeZone).formatToParts(t)) {
    if (p.type in out) out[p.type as keyof Fields] = Number(p.value);
  }
  if (out.hour === 24) out.hour = 0; // very old engines print midnight as 24 even with h23
  return out;
}

/** UTC offset of `timeZone` at instant `t`, in ms (Stockholm in summer: +7_200_000). */
export function offsetAt(t: number, timeZone: string): number {
  const f = fields(t, timeZone);
  const wholeSecond = t - (((t % 1000) + 1000) % 1000);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - wholeSecond;
}

export interface LocalTime {
  /** Local calendar date, 'YYYY-MM-DD'. */
  date: string;
  /** Minutes since local midnight, 0–1439. */
  minutes: number;
  /** ISO weekday of `date`: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

export function localTime(t: number, timeZone: string): LocalTime {
  const f = fields(t, timeZone);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${p(f.year, 4)}-${p(f.month)}-${p(f.day)}`;
  return { date, minutes: f.hour * 60 + f.minute, weekday: isoWeekday(date) };
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` + `minuteOfDay` (0–1439).
 * Non-existent local times (in a spring-forward gap) move forward by the gap; ambiguous ones (in a
 * fall-back overlap) resolve to the earlier instant.
 */
export function zonedTime(date: string, minuteOfDay: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, 0, minuteOfDay);
  // Real zones change their offset at most once in any two days, so the offsets a day before and
  // a day after are the only candidates.
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const candidates = [wall - before, wall - after].filter((t) => offsetAt(t, timeZone) === wall - t);
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before; // in the gap: the old offset puts it just as far past the gap
}
