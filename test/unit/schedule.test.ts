import { describe, expect, it } from 'vitest';
import {
  applySettings,
  breakTaken,
  DEFAULT_SCHEDULE,
  evaluate,
  initialState,
  localTime,
  nextNotificationAt,
  parseScheduleState,
  pauseFor,
  pauseUntilTomorrow,
  postpone,
  resume,
  skip,
  type Evaluation,
  type ScheduleSettings,
  type ScheduleState,
} from '../../src/core/schedule';

const T = (iso: string) => Date.parse(iso);
const MIN = 60_000;
const STO = 'Europe/Stockholm';
const NY = 'America/New_York';

function settings(over: Partial<ScheduleSettings> = {}): ScheduleSettings {
  return { ...DEFAULT_SCHEDULE, ...over };
}

/** 'YYYY-MM-DD HH:MM' on the local wall clock. */
function local(t: number, tz: string): string {
  const { date, minutes } = localTime(t, tz);
  return `${date} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The app around the schedule, on a fake clock: keeps the state and follows `wakeAt` like its one setTimeout would. */
class FakeApp {
  state: ScheduleState;
  /** Every notification, as 'warning|due YYYY-MM-DD HH:MM' (local). */
  notes: string[] = [];
  /** Every time the timer woke the app (local). */
  wakes: string[] = [];

  constructor(
    public s: ScheduleSettings,
    public tz: string,
    public now: number,
  ) {
    this.state = initialState(s, now, tz);
  }

  eval(now = this.now, idleMs = 0): Evaluation {
    this.now = now;
    const ev = evaluate(this.state, this.s, now, this.tz, { idleMs });
    this.state = ev.state;
    if (ev.notify) this.notes.push(`${ev.notify} ${local(now, this.tz)}`);
    return ev;
  }

  /** Applies an event at `at` (default: now) and evaluates right after, as the app does. */
  act(fn: (st: ScheduleState, s: ScheduleSettings, now: number, tz: string) => ScheduleState, at = this.now): Evaluation {
    this.now = at;
    this.state = fn(this.state, this.s, at, this.tz);
    return this.eval(at);
  }

  /** Sleeps on the timer until `until`; `onDue` runs whenever a break is announced as due. */
  runUntil(until: number, onDue?: (app: FakeApp) => void): Evaluation {
    let ev = this.eval(this.now);
    for (let guard = 0; guard < 10_000; guard++) {
      if (ev.notify === 'due' && onDue) {
        onDue(this);
        ev = this.eval(this.now);
        continue;
      }
      if (ev.wakeAt === null || ev.wakeAt > until) break;
      this.wakes.push(local(ev.wakeAt, this.tz));
      ev = this.eval(ev.wakeAt);
    }
    if (this.now < until) ev = this.eval(until);
    return ev;
  }

  dues(): string[] {
    return this.notes.filter((n) => n.startsWith('due')).map((n) => n.slice(4));
  }
}

const S = settings(); // Mon–Fri 09:00–17:00, every 45 min, 60 s warning, 2 × 10 min postpone
const FRI_0800 = T('2026-03-27T08:00:00+01:00'); // the Friday before the spring-forward Sunday
const at = (hhmm: string, day = '2026-03-27', offset = '+01:00') => T(`${day}T${hhmm}:00${offset}`);
const takeBreakAfter = (minutes: number) => (app: FakeApp) => app.act(breakTaken, app.now + minutes * MIN);

describe('schedule: working hours', () => {
  it('makes the first break due an interval after work starts, with a warning first', () => {
    const st = initialState(S, FRI_0800, STO);
    expect(st.nextBreakAt).toBe(at('09:45'));

    const before = evaluate(st, S, FRI_0800, STO);
    expect(before.status).toEqual({ kind: 'outside-hours', workStartsAt: at('09:00'), nextBreakAt: at('09:45') });
    expect(before.wakeAt).toBe(at('09:00'));

    const start = evaluate(before.state, S, at('09:00'), STO);
    expect(start.status).toEqual({ kind: 'waiting', dueAt: at('09:45') });
    expect(start.wakeAt).toBe(at('09:44'));

    const warn = evaluate(start.state, S, at('09:44'), STO);
    expect(warn.status).toEqual({ kind: 'warning', dueAt: at('09:45'), secondsLeft: 60, postponesLeft: 2 });
    expect(warn.notify).toBe('warning');
    expect(warn.wakeAt).toBe(at('09:45'));

    const warn2 = evaluate(warn.state, S, at('09:44') + 30_500, STO);
    expect(warn2.status).toMatchObject({ kind: 'warning', secondsLeft: 30 });
    expect(warn2.notify).toBeNull();

    const due = evaluate(warn2.state, S, at('09:45'), STO);
    expect(due.status).toEqual({ kind: 'due', dueAt: at('09:45'), postponesLeft: 2 });
    expect(due.notify).toBe('due');
    expect(due.wakeAt).toBe(at('17:00')); // an ignored break stays due until work ends

    const stillDue = evaluate(due.state, S, at('09:50'), STO);
    expect(stillDue.status.kind).toBe('due');
    expect(stillDue.notify).toBeNull();

    const after = breakTaken(stillDue.state, S, at('09:50'), STO);
    expect(after).toMatchObject({ nextBreakAt: at('10:35'), lastBreakAt: at('09:50'), postponesUsed: 0 });
  });

  it('runs a Friday, skips the weekend (and its DST change) and starts again on Monday at 09:45 local', () => {
    const app = new FakeApp(S, STO, FRI_0800);
    app.runUntil(T('2026-03-30T10:00:00+02:00'), takeBreakAfter(2));
    expect(app.dues()).toEqual([
      '2026-03-27 09:45',
      '2026-03-27 10:32',
      '2026-03-27 11:19',
      '2026-03-27 12:06',
      '2026-03-27 12:53',
      '2026-03-27 13:40',
      '2026-03-27 14:27',
      '2026-03-27 15:14',
      '2026-03-27 16:01',
      '2026-03-27 16:48', // break at 16:50 + 45 = 17:35 is after work: none until Monday
      '2026-03-30 09:45',
    ]);
    expect(app.notes.filter((n) => n.startsWith('warning'))).toHaveLength(11);
    // One timer at a time: nothing wakes the app over the weekend except Monday's start.
    expect(app.wakes.filter((w) => w > '2026-03-27 16:50' && w < '2026-03-30 09:44')).toEqual(['2026-03-27 17:00', '2026-03-30 09:00']);
    expect(app.state.lastBreakAt).toBe(T('2026-03-30T09:47:00+02:00'));
  });

  it('keeps 09:45 local across the autumn change too (CEST Friday, CET Monday)', () => {
    const app = new FakeApp(S, STO, T('2026-10-23T16:00:00+02:00'));
    app.runUntil(T('2026-10-26T10:00:00+01:00'), takeBreakAfter(0));
    expect(app.dues()).toEqual(['2026-10-23 16:45', '2026-10-26 09:45']);
    expect(app.state.lastBreakAt).toBe(T('2026-10-26T08:45:00Z'));
  });

  it('works the same in New York over its own DST weekend', () => {
    const app = new FakeApp(S, NY, T('2026-03-06T16:00:00-05:00'));
    app.runUntil(T('2026-03-09T10:00:00-04:00'), takeBreakAfter(0));
    expect(app.dues()).toEqual(['2026-03-06 16:45', '2026-03-09 09:45']);
    expect(app.state.lastBreakAt).toBe(T('2026-03-09T13:45:00Z'));
  });

  it('never schedules a break outside working hours: late breaks roll to the next working day', () => {
    const st = breakTaken(initialState(S, FRI_0800, STO), S, at('16:20'), STO);
    expect(st.nextBreakAt).toBe(T('2026-03-30T09:45:00+02:00'));
    const ev = evaluate(st, S, at('16:30'), STO);
    expect(ev.status).toEqual({ kind: 'waiting', dueAt: T('2026-03-30T09:45:00+02:00') });
    expect(ev.wakeAt).toBe(at('17:00'));
    expect(evaluate(ev.state, S, at('17:00'), STO).status).toMatchObject({ kind: 'outside-hours', workStartsAt: T('2026-03-30T09:00:00+02:00') });
  });

  it('rolls over midnight to the next working day, and starts on a weekday that was off', () => {
    const everyDay = settings({ workingDays: [1, 2, 3, 4, 5, 6, 7], workStart: '08:00', workEnd: '23:30' });
    const app = new FakeApp(everyDay, STO, at('23:00'));
    expect(app.eval().status).toEqual({ kind: 'waiting', dueAt: T('2026-03-28T08:45:00+01:00') }); // 23:45 is after work
    expect(app.eval(at('23:59')).status).toMatchObject({ kind: 'outside-hours', workStartsAt: T('2026-03-28T08:00:00+01:00') });
    app.runUntil(T('2026-03-28T09:00:00+01:00'));
    expect(app.dues()).toEqual(['2026-03-28 08:45']); // Saturday counts here
  });
});

describe('schedule: a period that runs past midnight (night shift)', () => {
  it('belongs to the day it starts on and crosses midnight without a gap', () => {
    const night = settings({ workStart: '22:00', workEnd: '06:00' });
    const app = new FakeApp(night, STO, T('2026-03-27T21:00:00+01:00'));
    app.runUntil(T('2026-03-31T00:00:00+02:00'), takeBreakAfter(0));
    expect(app.dues()).toEqual([
      '2026-03-27 22:45',
      '2026-03-27 23:30',
      '2026-03-28 00:15',
      '2026-03-28 01:00',
      '2026-03-28 01:45',
      '2026-03-28 02:30',
      '2026-03-28 03:15',
      '2026-03-28 04:00',
      '2026-03-28 04:45',
      '2026-03-28 05:30',
      // Saturday and Sunday nights are off; Monday's shift starts at 22:00.
      '2026-03-30 22:45',
      '2026-03-30 23:30',
    ]);
  });

  it('counts intervals in elapsed time through the spring-forward night (02:00 → 03:00)', () => {
    const night = settings({ workingDays: [6], workStart: '22:00', workEnd: '06:00' });
    const app = new FakeApp(night, STO, T('2026-03-28T21:00:00+01:00'));
    app.runUntil(T('2026-03-29T07:00:00+02:00'), takeBreakAfter(0));
    expect(app.dues()).toEqual(['22:45', '23:30', '00:15', '01:00', '01:45', '03:30', '04:15', '05:00', '05:45'].map((h, i) => `${i < 2 ? '2026-03-28' : '2026-03-29'} ${h}`));
  });

  it('and through the fall-back night (03:00 → 02:00), where 02:15 comes after 02:30', () => {
    const night = settings({ workingDays: [6], workStart: '22:00', workEnd: '06:00' });
    const app = new FakeApp(night, STO, T('2026-10-24T21:00:00+02:00'));
    app.runUntil(T('2026-10-25T07:00:00+01:00'), takeBreakAfter(0));
    const times = app.dues().map((d) => d.slice(11));
    expect(times).toEqual(['22:45', '23:30', '00:15', '01:00', '01:45', '02:30', '02:15', '03:00', '03:45', '04:30', '05:15']);
  });
});

describe('schedule: sleep, wake and idle', () => {
  it('after a 3-hour sleep, fires no stale or piled-up reminders and counts the absence as a break', () => {
    const app = new FakeApp(S, STO, at('10:00'));
    expect(app.eval().wakeAt).toBe(at('10:44'));
    // The laptop sleeps at 10:05 and wakes at 13:00: the timer fires late, once.
    const ev = app.eval(at('13:00'));
    expect(ev.status).toEqual({ kind: 'waiting', dueAt: at('13:45') });
    expect(ev.notify).toBeNull();
    app.runUntil(at('14:00'));
    expect(app.notes).toEqual(['warning 2026-03-27 13:44', 'due 2026-03-27 13:45']);
  });

  it('still announces a break (once, without the warning) when the laptop wakes just after it was due', () => {
    const app = new FakeApp(S, STO, at('10:00'));
    app.eval();
    const ev = app.eval(at('10:47'));
    expect(ev.status).toEqual({ kind: 'due', dueAt: at('10:45'), postponesLeft: 2 });
    expect(ev.notify).toBe('due');
    expect(app.eval(at('10:48')).notify).toBeNull();
    expect(app.notes).toEqual(['due 2026-03-27 10:47']);
  });

  it('treats a break missed while the app was closed over lunch as taken', () => {
    const app = new FakeApp(S, STO, at('11:00'));
    app.eval(); // wakeAt 11:44; the tab is closed at 11:30, the state stays in storage
    const stored = parseScheduleState(JSON.parse(JSON.stringify(app.state)));
    expect(stored).toEqual(app.state);
    const reopened = evaluate(stored!, S, at('12:40'), STO);
    expect(reopened.status).toEqual({ kind: 'waiting', dueAt: at('13:25') });
  });

  it('resets the interval after a long idle gap reported by the app, but not after a short one', () => {
    const app = new FakeApp(S, STO, at('10:00'));
    app.eval();
    expect(app.eval(at('10:30'), 2 * MIN).status).toEqual({ kind: 'waiting', dueAt: at('10:45') });
    // Away since 10:30; the timer fires at 10:44 while the user is still away…
    expect(app.eval(at('10:44'), 14 * MIN).status).toEqual({ kind: 'waiting', dueAt: at('11:29') });
    // …and they come back at 11:40: the app reports the idle stretch that just ended.
    expect(app.eval(at('11:40'), 70 * MIN).status).toEqual({ kind: 'waiting', dueAt: at('12:25') });
    expect(app.notes).toEqual([]);
  });

  it('lets idle time clear a break that was due and ignored', () => {
    const app = new FakeApp(S, STO, at('10:00'));
    app.runUntil(at('10:46'));
    expect(app.eval(at('10:46')).status.kind).toBe('due');
    expect(app.eval(at('10:56'), 10 * MIN).status).toEqual({ kind: 'waiting', dueAt: at('11:41') });
  });

  it('counts only working time as absence: opening the laptop at 09:02 keeps the 09:45 break, at 09:20 moves it', () => {
    const evening = new FakeApp(S, STO, T('2026-03-26T16:00:00+01:00'));
    evening.runUntil(T('2026-03-26T17:00:00+01:00')); // Thursday; the laptop sleeps at 17:30
    const state = evening.state;
    expect(evaluate(state, S, at('09:02'), STO).status).toEqual({ kind: 'waiting', dueAt: at('09:45') });
    expect(evaluate(state, S, at('09:20'), STO).status).toEqual({ kind: 'waiting', dueAt: at('10:05') });
  });
});

describe('schedule: postpone and skip', () => {
  it('allows maxPostpones postpones per break, then take or skip; a skip resets the count', () => {
    const app = new FakeApp(S, STO, at('09:00'));
    app.runUntil(at('09:45'));
    expect(app.eval().status.kind).toBe('due');

    const p1 = postpone(app.state, S, at('09:45'), STO);
    expect(p1.ok && p1.state).toMatchObject({ nextBreakAt: at('09:55'), postponesUsed: 1 });
    app.state = p1.state;
    expect(app.eval(at('09:54')).status).toEqual({ kind: 'warning', dueAt: at('09:55'), secondsLeft: 60, postponesLeft: 1 });

    const p2 = postpone(app.state, S, at('09:54'), STO); // postponing from the warning works too
    expect(p2.ok && p2.state.nextBreakAt).toBe(at('10:04'));
    app.state = p2.state;
    expect(app.eval(at('10:04')).status).toEqual({ kind: 'due', dueAt: at('10:04'), postponesLeft: 0 });

    const p3 = postpone(app.state, S, at('10:04'), STO);
    expect(p3).toEqual({ ok: false, reason: 'limit-reached', state: app.state });

    const skipped = app.act(skip, at('10:05'));
    expect(skipped.status).toEqual({ kind: 'waiting', dueAt: at('10:50') });
    expect(app.state.lastBreakAt).toBeNull(); // a skip is not a break
    expect(postpone(app.state, S, at('10:06'), STO)).toMatchObject({ ok: false, reason: 'not-due' });

    app.runUntil(at('10:50'));
    const again = postpone(app.state, S, at('10:50'), STO);
    expect(again.ok && again.state.postponesUsed).toBe(1);
    expect(app.notes).toEqual([
      'warning 2026-03-27 09:44',
      'due 2026-03-27 09:45',
      'warning 2026-03-27 09:54',
      'due 2026-03-27 10:04',
      'warning 2026-03-27 10:49',
      'due 2026-03-27 10:50',
    ]);
  });

  it('resets the postpone count after a break is taken', () => {
    const app = new FakeApp(settings({ maxPostpones: 1 }), STO, at('09:00'));
    app.runUntil(at('09:45'));
    app.state = (postpone(app.state, app.s, at('09:45'), STO) as { state: ScheduleState }).state;
    app.runUntil(at('09:55'));
    expect(postpone(app.state, app.s, at('09:55'), STO)).toMatchObject({ ok: false, reason: 'limit-reached' });
    app.act(breakTaken, at('09:56'));
    app.runUntil(at('10:41'));
    expect(postpone(app.state, app.s, at('10:41'), STO).ok).toBe(true);
  });

  it('refuses everything when postponing is turned off, and postpones past work end to the next working day', () => {
    expect(postpone(initialState(settings({ maxPostpones: 0 }), at('09:00'), STO), settings({ maxPostpones: 0 }), at('09:45'), STO)).toMatchObject({
      ok: false,
      reason: 'limit-reached',
    });
    const app = new FakeApp(S, STO, at('16:00'));
    app.runUntil(at('16:55'));
    const p = postpone(app.state, S, at('16:55'), STO); // 17:05 is after work
    expect(p.ok).toBe(true);
    expect(evaluate(p.state, S, at('16:56'), STO).status).toEqual({ kind: 'waiting', dueAt: T('2026-03-30T09:45:00+02:00') });
    expect(postpone(p.state, S, at('17:10'), STO)).toMatchObject({ ok: false, reason: 'not-due' });
  });
});

describe('schedule: pause', () => {
  it('pauses for 30 minutes and starts a fresh interval when the pause ends', () => {
    const app = new FakeApp(S, STO, at('09:50'));
    app.eval();
    const paused = app.act((st) => pauseFor(st, 30, at('10:00')), at('10:00'));
    expect(paused.status).toEqual({ kind: 'paused', until: at('10:30') });
    expect(paused.wakeAt).toBe(at('10:30'));
    app.runUntil(at('11:20'));
    expect(app.notes).toEqual(['warning 2026-03-27 11:14', 'due 2026-03-27 11:15']);
  });

  it('resumes early from now', () => {
    const st = pauseFor(initialState(S, at('09:50'), STO), 30, at('10:00'));
    const ev = evaluate(resume(st, S, at('10:10'), STO), S, at('10:10'), STO);
    expect(ev.status).toEqual({ kind: 'waiting', dueAt: at('10:55') });
  });

  it('lets a pause run out after work: the next break is the next working day’s', () => {
    const st = pauseFor(initialState(S, at('16:00'), STO), 30, at('16:50'));
    expect(evaluate(st, S, at('17:20'), STO).status).toEqual({
      kind: 'outside-hours',
      workStartsAt: T('2026-03-30T09:00:00+02:00'),
      nextBreakAt: T('2026-03-30T09:45:00+02:00'),
    });
  });

  it('pauses until tomorrow over a weekend, through the spring-forward night (Stockholm)', () => {
    const app = new FakeApp(S, STO, at('14:00'));
    const ev = app.act((st, s, now, tz) => pauseUntilTomorrow(st, s, now, tz));
    const monday = T('2026-03-30T09:00:00+02:00');
    expect(ev.status).toEqual({ kind: 'paused', until: monday });
    expect(ev.wakeAt).toBe(monday);
    expect(app.eval(T('2026-03-28T12:00:00+01:00')).status.kind).toBe('paused');
    app.runUntil(T('2026-03-30T10:00:00+02:00'));
    expect(app.notes).toEqual(['warning 2026-03-30 09:44', 'due 2026-03-30 09:45']);
  });

  it('pauses until tomorrow through the fall-back night and in New York', () => {
    const oct = pauseUntilTomorrow(initialState(S, 0, STO), S, T('2026-10-23T14:00:00+02:00'), STO);
    expect(oct.pausedUntil).toBe(T('2026-10-26T09:00:00+01:00'));
    const ny = pauseUntilTomorrow(initialState(S, 0, NY), S, T('2026-03-06T14:00:00-05:00'), NY);
    expect(ny.pausedUntil).toBe(T('2026-03-09T09:00:00-04:00'));
    const everyDay = settings({ workingDays: [1, 2, 3, 4, 5, 6, 7] });
    expect(pauseUntilTomorrow(initialState(everyDay, 0, STO), everyDay, T('2026-03-28T23:30:00+01:00'), STO).pausedUntil).toBe(
      T('2026-03-29T09:00:00+02:00'),
    );
  });

  it('means the next working day: from before work on Monday that is Tuesday; in a night shift, tonight', () => {
    const monday = pauseUntilTomorrow(initialState(S, 0, STO), S, T('2026-03-30T07:00:00+02:00'), STO);
    expect(local(monday.pausedUntil!, STO)).toBe('2026-03-31 09:00');
    const night = settings({ workingDays: [1, 2, 3, 4, 5, 6, 7], workStart: '22:00', workEnd: '06:00' });
    const inShift = pauseUntilTomorrow(initialState(night, 0, STO), night, T('2026-03-31T01:00:00+02:00'), STO);
    expect(local(inShift.pausedUntil!, STO)).toBe('2026-03-31 22:00');
  });
});

describe('schedule: settings', () => {
  it('is off when disabled, and starts afresh when enabled again', () => {
    const off = settings({ enabled: false });
    const st = initialState(S, at('09:00'), STO);
    const ev = evaluate(st, off, at('09:45'), STO);
    expect(ev).toMatchObject({ status: { kind: 'off' }, notify: null, wakeAt: null });
    expect(nextNotificationAt(st, off, at('09:45'), STO)).toBeNull();
    // Turned on at 13:00 through applySettings, or without it: no stale 09:45 break either way.
    expect(evaluate(applySettings(ev.state, S, at('13:00'), STO), S, at('13:00'), STO).status).toEqual({ kind: 'waiting', dueAt: at('13:45') });
    expect(evaluate(ev.state, S, at('13:00'), STO).status).toEqual({ kind: 'waiting', dueAt: at('13:45') });
  });

  it('repairs a schedule that new settings or a clock set back would not allow', () => {
    const st = initialState(settings({ intervalMinutes: 120 }), at('09:00'), STO);
    expect(st.nextBreakAt).toBe(at('11:00'));
    expect(evaluate(st, settings({ intervalMinutes: 15 }), at('09:30'), STO).status).toEqual({ kind: 'waiting', dueAt: at('09:45') });
    expect(evaluate(st, settings({ workEnd: '10:30' }), at('09:30'), STO).status).toEqual({ kind: 'waiting', dueAt: at('10:15') });
    expect(evaluate(st, settings({ workingDays: [1] }), at('09:30'), STO).status).toMatchObject({ kind: 'outside-hours', nextBreakAt: T('2026-03-30T09:45:00+02:00') });
    const later = breakTaken(st, S, at('14:00'), STO);
    expect(evaluate(later, S, at('10:00'), STO).status).toEqual({ kind: 'waiting', dueAt: at('10:45') });
  });

  it('gives the app one time to wake up for', () => {
    const st = initialState(S, at('09:00'), STO);
    expect(nextNotificationAt(st, S, at('09:00'), STO)).toBe(at('09:44'));
    expect(nextNotificationAt(st, settings({ warningSeconds: 0 }), at('09:00'), STO)).toBe(at('09:45'));
    expect(nextNotificationAt(st, S, at('08:00'), STO)).toBe(at('09:00'));
  });

  it('refuses a stored state that is not one', () => {
    expect(parseScheduleState(null)).toBeNull();
    expect(parseScheduleState({ nextBreakAt: 'soon' })).toBeNull();
    const st = initialState(S, at('09:00'), STO);
    expect(parseScheduleState({ ...st, postponesUsed: -1 })).toBeNull();
    expect(parseScheduleState({ ...st, warned: 'no' })).toBeNull();
    expect(parseScheduleState({ ...st, extra: 1 })).toEqual(st);
  });
});
