/** Working periods: the stretches of local time in which breaks may fall. */
import { parseTime, type ScheduleSettings } from './settings';
import { addDays, isoWeekday } from '../calendar';
import { localTime, zonedTime } from './time';

export interface Period {
  /** Epoch ms of the local work start (inclusive). */
  start: number;
  /** Epoch ms of the local work end (exclusive). */
  end: number;
  /** Local date the period starts on, 'YYYY-MM-DD'. */
  date: string;
}

/** The working period that starts on local `date`, whether or not that date is a working day. */
export function periodOn(date: string, s: ScheduleSettings, timeZone: string): Period {
  const startMin = parseTime(s.workStart);
  const endMin = parseTime(s.workEnd);
  const endDate = endMin <= startMin ? addDays(date, 1) : date;
  return { start: zonedTime(date, startMin, timeZone), end: zonedTime(endDate, endMin, timeZone), date };
}

/**
 * The working period that contains `t`, or else the next one to start. Null only when there is no
 * working day at all (validated settings always have one).
 */
export function periodAtOrAfter(t: number, s: ScheduleSettings, timeZone: string): Period | null {
  if (s.workingDays.length === 0) return null;
  const today = localTime(t, timeZone).date;
  // Start yesterday: a period past midnight may still be running. Nine days reach the same
  // weekday next week even when only one day is a working day.
  for (let k = -1; k <= 8; k++) {
    const date = addDays(today, k);
    if (!s.workingDays.includes(isoWeekday(date))) continue;
    const p = periodOn(date, s, timeZone);
    if (p.end > t) return p;
  }
  return null;
}

/** The working period that contains `t`, if any. */
export function periodAt(t: number, s: ScheduleSettings, timeZone: string): Period | null {
  const p = periodAtOrAfter(t, s, timeZone);
  return p && p.start <= t ? p : null;
}

export function isWorkingTime(t: number, s: ScheduleSettings, timeZone: string): boolean {
  return periodAt(t, s, timeZone) !== null;
}
