/**
 * The break schedule as a pure state machine. Time is always an argument (epoch ms) together with
 * the user's IANA time zone; nothing here reads a clock or sets a timer.
 *
 * How the app drives it:
 *   1. Keep one ScheduleState (persist it, e.g. in localStorage; `parseScheduleState` reads it back).
 *   2. Call `evaluate` whenever its timer fires, the page becomes visible, or the app starts; store
 *      the returned state (always — it records what was already announced), show `status`, show a
 *      notification when `notify` is set, and set one setTimeout for `wakeAt`.
 *   3. On a user action call `breakTaken`, `postpone`, `skip`, `pause…` or `resume`, store the
 *      state, then call `evaluate` again.
 *
 * Rules:
 *   - A break is due `intervalMinutes` after work starts (not at the start), then `intervalMinutes`
 *     after each break, skip, resume or natural break. It never falls outside working hours: one
 *     that would lands at the next working period's start + interval.
 *   - Working hours are local wall-clock times, so 09:00 is 09:00 on both sides of a DST change;
 *     intervals are elapsed time.
 *   - Natural break: an absence of at least NATURAL_BREAK_MINUTES during working hours restarts
 *     the interval from now. An absence is user idle time reported by the app (`idleMs`), or time
 *     the app was not running when it should have been (it evaluates later than the `wakeAt` it was
 *     given: the laptop slept, the tab was closed). So a break missed while asleep is never
 *     announced late, and several missed breaks never pile up.
 *   - Each break is announced at most once as 'warning' and at most once as 'due' (`notify`).
 *     An ignored 'due' stays due until the user acts or work ends.
 *   - Postpones are limited per break; the count resets when a break is taken, skipped, or a new
 *     one is scheduled for any other reason.
 */
import { periodAt, periodAtOrAfter, type Period } from './hours';
import type { ScheduleSettings } from './settings';
import { localTime } from './time';

const MINUTE = 60_000;

/**
 * An absence this long counts as a break (Sane Break resets its timer after 5 minutes idle; a
 * microbreak itself is 1–2 minutes, so 5 minutes away is more movement than the game asks for).
 */
export const NATURAL_BREAK_MINUTES = 5;
const NATURAL_BREAK_MS = NATURAL_BREAK_MINUTES * MINUTE;

export interface ScheduleState {
  /** When the next break is due (epoch ms); null when none could be scheduled. */
  nextBreakAt: number | null;
  /** Start of the working period `nextBreakAt` lies in. */
  periodStart: number | null;
  /** Postpones used on the current break. */
  postponesUsed: number;
  /** Reminders paused until this instant. */
  pausedUntil: number | null;
  /** When the user last took a break (not skipped ones); for display. */
  lastBreakAt: number | null;
  /** The warning for `nextBreakAt` has been announced. */
  warned: boolean;
  /** When 'due' was first reported for `nextBreakAt`; null while not yet announced. */
  dueSince: number | null;
  /** The time the last evaluation asked to be called back; null after an event. */
  wakeAt: number | null;
}

export type ScheduleStatus =
  | { kind: 'off' }
  | { kind: 'paused'; until: number }
  /** Outside working hours; `nextBreakAt` is the first break of the next period. */
  | { kind: 'outside-hours'; workStartsAt: number | null; nextBreakAt: number | null }
  | { kind: 'waiting'; dueAt: number }
  | { kind: 'warning'; dueAt: number; secondsLeft: number; postponesLeft: number }
  | { kind: 'due'; dueAt: number; postponesLeft: number };

export interface Evaluation {
  state: ScheduleState;
  status: ScheduleStatus;
  /** Set exactly once per break and phase: show a notification now. */
  notify: 'warning' | 'due' | null;
  /** When to call `evaluate` next (the next moment the status can change); null: no timer needed. */
  wakeAt: number | null;
}

export interface EvaluateOptions {
  /**
   * How long the user has been idle (no input), as the app detects it; 0 if active. Pass it while
   * the user is idle, and once more when they come back (the length of the idle stretch that just
   * ended), so the fresh interval counts from their return.
   */
  idleMs?: number;
}

/** A schedule starting now: the first break is an interval from now, or from the next work start. */
export function initialState(settings: ScheduleSettings, now: number, timeZone: string): ScheduleState {
  const empty: ScheduleState = {
    nextBreakAt: null,
    periodStart: null,
    postponesUsed: 0,
    pausedUntil: null,
    lastBreakAt: null,
    warned: false,
    dueSince: null,
    wakeAt: null,
  };
  return restartFrom(empty, settings, now, timeZone);
}

/**
 * The status at `now`, and the state to keep. Calling it again with the same arguments and the
 * returned state gives the same state and status (and `notify: null`).
 */
export function evaluate(
  state: ScheduleState,
  settings: ScheduleSettings,
  now: number,
  timeZone: string,
  options: EvaluateOptions = {},
): Evaluation {
  if (!settings.enabled) return { state: { ...state, wakeAt: null }, status: { kind: 'off' }, notify: null, wakeAt: null };

  let st = state;
  const lastWake = state.wakeAt;

  if (st.pausedUntil !== null) {
    if (now < st.pausedUntil) {
      const until = st.pausedUntil;
      return { state: { ...st, wakeAt: until }, status: { kind: 'paused', until }, notify: null, wakeAt: until };
    }
    // The pause is over: work resumed when it ended.
    st = restartFrom({ ...st, pausedUntil: null }, settings, st.pausedUntil, timeZone);
  }

  const period = periodAtOrAfter(now, settings, timeZone);
  if (period === null) return outside(st, null, null);
  const inHours = period.start <= now;

  if (inHours) {
    // Natural break: the user was idle, or the app should have run earlier and did not.
    let absentSince = Infinity;
    const idle = options.idleMs ?? 0;
    if (idle > 0) absentSince = now - idle;
    if (lastWake !== null && lastWake < now) absentSince = Math.min(absentSince, lastWake);
    if (now - Math.max(absentSince, period.start) >= NATURAL_BREAK_MS) st = restartFrom(st, settings, now, timeZone);
  }

  st = repair(st, settings, now, timeZone, period, inHours);

  if (!inHours) return outside(st, period.start, period.start);
  const dueAt = st.nextBreakAt;
  if (dueAt === null) return outside(st, null, period.end); // no break fits anywhere (cannot happen with valid settings)

  const postponesLeft = Math.max(0, settings.maxPostpones - st.postponesUsed);
  if (now >= dueAt) {
    const first = st.dueSince === null;
    const next = { ...st, warned: true, dueSince: first ? now : st.dueSince, wakeAt: period.end };
    return { state: next, status: { kind: 'due', dueAt, postponesLeft }, notify: first ? 'due' : null, wakeAt: period.end };
  }
  const warnAt = dueAt - settings.warningSeconds * 1000;
  if (settings.warningSeconds > 0 && now >= warnAt) {
    const first = !st.warned;
    const next = { ...st, warned: true, wakeAt: dueAt };
    const secondsLeft = Math.ceil((dueAt - now) / 1000);
    return {
      state: next,
      status: { kind: 'warning', dueAt, secondsLeft, postponesLeft },
      notify: first ? 'warning' : null,
      wakeAt: dueAt,
    };
  }
  // The break may lie in a later period (none fits in the rest of this one): wake at work end.
  const wakeAt = Math.min(settings.warningSeconds > 0 ? warnAt : dueAt, period.end);
  return { state: { ...st, wakeAt }, status: { kind: 'waiting', dueAt }, notify: null, wakeAt };
}

function outside(st: ScheduleState, workStartsAt: number | null, wakeAt: number | null): Evaluation {
  return {
    state: { ...st, wakeAt },
    status: { kind: 'outside-hours', workStartsAt, nextBreakAt: st.nextBreakAt },
    notify: null,
    wakeAt,
  };
}

/** When the app should call `evaluate` next: the warning, the due time, a work start or end, or a pause's end. */
export function nextNotificationAt(state: ScheduleState, settings: ScheduleSettings, now: number, timeZone: string): number | null {
  return evaluate(state, settings, now, timeZone).wakeAt;
}

/** The user took a break (finished or left a game): the next one is an interval from now. */
export function breakTaken(state: ScheduleState, settings: ScheduleSettings, now: number, timeZone: string): ScheduleState {
  return { ...restartFrom(state, settings, now, timeZone), lastBreakAt: now };
}

/** The user skipped this break: the next one is an interval from now, postpones start over. */
export function skip(state: ScheduleState, settings: ScheduleSettings, now: number, timeZone: string): ScheduleState {
  return restartFrom(state, settings, now, timeZone);
}

export type PostponeResult =
  | { ok: true; state: ScheduleState }
  | { ok: false; reason: 'limit-reached' | 'not-due'; state: ScheduleState };

/**
 * Moves a break that is in its warning or due by `postponeMinutes` from now, at most
 * `maxPostpones` times. A postpone past the end of work means no more breaks today.
 * Refused (state unchanged) when nothing is about to be due or the limit is reached.
 */
export function postpone(state: ScheduleState, settings: ScheduleSettings, now: number, timeZone: string): PostponeResult {
  const { state: st, status } = evaluate(state, settings, now, timeZone);
  if (status.kind !== 'warning' && status.kind !== 'due') return { ok: false, reason: 'not-due', state };
  if (st.postponesUsed >= settings.maxPostpones) return { ok: false, reason: 'limit-reached', state };
  const at = now + settings.postponeMinutes * MINUTE;
  const period = periodAt(now, settings, timeZone);
  if (period === null || at >= period.end) {
    // Past the end of work: the next break is the first of the next period.
    return { ok: true, state: restartFrom(st, settings, period ? period.end : now, timeZone) };
  }
  return {
    ok: true,
    state: { ...st, nextBreakAt: at, periodStart: period.start, postponesUsed: st.postponesUsed + 1, warned: false, dueSince: null, wakeAt: null },
  };
}

/**
 * "Remind me in N minutes" when a break cannot be taken now (the camera is held by a meeting):
 * the break is moved to `minutes` from now without using a postpone; past the end of work it
 * becomes the first break of the next period.
 */
export function remindIn(state: ScheduleState, settings: ScheduleSettings, minutes: number, now: number, timeZone: string): ScheduleState {
  const at = now + minutes * MINUTE;
  const period = periodAt(now, settings, timeZone);
  if (period === null || at >= period.end) return restartFrom(state, settings, period ? period.end : now, timeZone);
  return { ...state, nextBreakAt: at, periodStart: period.start, warned: false, dueSince: null, wakeAt: null };
}

/** No reminders until `untilMs`; afterwards the interval starts again from that moment. */
export function pause(state: ScheduleState, untilMs: number): ScheduleState {
  return { ...state, pausedUntil: untilMs, wakeAt: null };
}

export function pauseFor(state: ScheduleState, minutes: number, now: number): ScheduleState {
  return pause(state, now + minutes * MINUTE);
}

/**
 * Pause until the start of the next working day: the first working period that starts on a later
 * local date than today (or than the current period, for a period that runs past midnight).
 */
export function pauseUntilTomorrow(state: ScheduleState, settings: ScheduleSettings, now: number, timeZone: string): ScheduleState {
  return pause(state, nextWorkingDayStart(settings, now, timeZone) ?? now + 24 * 60 * MINUTE);
}

export function nextWorkingDayStart(settings: ScheduleSettings, now: number, timeZone: string): number | null {
  const today = periodAt(now, settings, timeZone)?.date ?? localTime(now, timeZone).date;
  let p = periodAtOrAfter(now, settings, timeZone);
  for (let i = 0; p !== null && p.date <= today && i < 16; i++) p = periodAtOrAfter(p.end, settings, timeZone);
  return p && p.date > today ? p.start : null;
}

/** End a pause now; the interval starts again from now. */
export function resume(state: ScheduleState, settings: ScheduleSettings, now: number, timeZone: string): ScheduleState {
  return restartFrom({ ...state, pausedUntil: null }, settings, now, timeZone);
}

/** After the settings changed: the interval starts again from now under the new settings (a pause stays). */
export function applySettings(state: ScheduleState, settings: ScheduleSettings, now: number, timeZone: string): ScheduleState {
  return restartFrom(state, settings, now, timeZone);
}

/** A fresh interval counted from `anchor` (or from the next work start, when `anchor` is outside hours). */
function restartFrom(state: ScheduleState, settings: ScheduleSettings, anchor: number, timeZone: string): ScheduleState {
  const next = firstBreakFrom(anchor, settings, timeZone);
  return {
    ...state,
    nextBreakAt: next?.at ?? null,
    periodStart: next?.periodStart ?? null,
    postponesUsed: 0,
    warned: false,
    dueSince: null,
    wakeAt: null,
  };
}

/** The first break an interval after `anchor`, moved to the next working period when it would fall outside one. */
export function firstBreakFrom(anchor: number, settings: ScheduleSettings, timeZone: string): { at: number; periodStart: number } | null {
  let p = periodAtOrAfter(anchor, settings, timeZone);
  let from = p ? Math.max(anchor, p.start) : anchor;
  // A few extra rounds in case DST shortens a period below the interval.
  for (let i = 0; p !== null && i < 16; i++) {
    const at = from + settings.intervalMinutes * MINUTE;
    if (at < p.end) return { at, periodStart: p.start };
    p = periodAtOrAfter(p.end, settings, timeZone);
    if (p) from = p.start;
  }
  return null;
}

/**
 * Brings a stored schedule in line with `now`: roll over to a new working period, drop a break the
 * current settings would not allow (settings changed, clock set back), drop one that went by
 * unannounced long ago (reminders were off).
 */
function repair(st: ScheduleState, s: ScheduleSettings, now: number, timeZone: string, period: Period, inHours: boolean): ScheduleState {
  if (st.nextBreakAt === null || st.periodStart === null) return restartFrom(st, s, now, timeZone);
  // The schedule belongs to an earlier period: this period's first break is an interval after its start.
  if (st.periodStart < period.start) st = restartFrom(st, s, period.start, timeZone);
  if (st.nextBreakAt === null || st.periodStart === null) return st;
  const own = periodAtOrAfter(st.nextBreakAt, s, timeZone);
  if (own === null || own.start !== st.periodStart || st.nextBreakAt < own.start) return restartFrom(st, s, now, timeZone);
  if (inHours && st.periodStart === period.start) {
    const maxAhead = Math.max(s.intervalMinutes, s.postponeMinutes) * MINUTE;
    if (st.nextBreakAt - now > maxAhead) return restartFrom(st, s, now, timeZone);
    if (st.dueSince === null && now - st.nextBreakAt >= NATURAL_BREAK_MS) return restartFrom(st, s, now, timeZone);
  }
  return st;
}

/** Reads a stored state back; null when it is not one (start over with `initialState`). */
export function parseScheduleState(input: unknown): ScheduleState | null {
  if (typeof input !== 'object' || input === null) return null;
  const r = input as Record<string, unknown>;
  const time = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));
  if (!time(r.nextBreakAt) || !time(r.periodStart) || !time(r.pausedUntil) || !time(r.lastBreakAt) || !time(r.dueSince) || !time(r.wakeAt)) return null;
  if (typeof r.postponesUsed !== 'number' || !Number.isInteger(r.postponesUsed) || r.postponesUsed < 0) return null;
  if (typeof r.warned !== 'boolean') return null;
  return {
    nextBreakAt: r.nextBreakAt as number | null,
    periodStart: r.periodStart as number | null,
    postponesUsed: r.postponesUsed,
    pausedUntil: r.pausedUntil as number | null,
    lastBreakAt: r.lastBreakAt as number | null,
    warned: r.warned,
    dueSince: r.dueSince as number | null,
    wakeAt: r.wakeAt as number | null,
  };
}
