import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  breakTaken,
  evaluate,
  firstBreakFrom,
  initialState,
  NATURAL_BREAK_MINUTES,
  pauseFor,
  pauseUntilTomorrow,
  periodAt,
  postpone,
  resume,
  skip,
  validateSchedule,
  type ScheduleSettings,
  type ScheduleState,
} from '../../src/core/schedule';

const T = (iso: string) => Date.parse(iso);
const MIN = 60_000;
const HOUR = 60 * MIN;
const STO = 'Europe/Stockholm';
const NY = 'America/New_York';
const ZONES = [STO, NY, 'UTC', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago'];
// Instants near 2026's DST changes in those zones, to land the fake clock on them often.
const TRANSITIONS = [
  T('2026-03-29T01:00:00Z'),
  T('2026-10-25T01:00:00Z'),
  T('2026-03-08T07:00:00Z'),
  T('2026-11-01T06:00:00Z'),
  T('2026-04-04T15:00:00Z'),
  T('2026-10-03T15:30:00Z'),
  T('2026-04-05T03:00:00Z'),
  T('2026-09-06T04:00:00Z'),
];

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const settingsArb: fc.Arbitrary<ScheduleSettings> = fc
  .record({
    workingDays: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
    start: fc.integer({ min: 0, max: 1439 }),
    intervalMinutes: fc.integer({ min: 15, max: 120 }),
    extra: fc.integer({ min: 1, max: 1439 }),
    postponeMinutes: fc.integer({ min: 5, max: 60 }),
    warningSeconds: fc.integer({ min: 0, max: 300 }),
    maxPostpones: fc.integer({ min: 0, max: 5 }),
  })
  .map(({ workingDays, start, intervalMinutes, extra, postponeMinutes, warningSeconds, maxPostpones }) => {
    const length = intervalMinutes + 1 + (extra % (1439 - intervalMinutes));
    const r = validateSchedule({
      enabled: true,
      workingDays,
      workStart: hhmm(start),
      workEnd: hhmm((start + length) % 1440),
      intervalMinutes,
      warningSeconds: Math.min(warningSeconds, postponeMinutes * 60 - 1),
      maxPostpones,
      postponeMinutes,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.settings;
  });

const startArb = fc.oneof(
  fc.integer({ min: T('2026-01-01T00:00:00Z'), max: T('2027-01-01T00:00:00Z') }),
  fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -3 * 24 * HOUR, max: 3 * 24 * HOUR })).map(([t, d]) => t + d),
);

type Step =
  | { kind: 'timer' }
  | { kind: 'jump'; ms: number; idleMs: number }
  | { kind: 'break' | 'skip' | 'postpone' | 'resume' | 'tomorrow' }
  | { kind: 'pause'; minutes: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'timer' as const }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('jump' as const),
      ms: fc.oneof(fc.integer({ min: 0, max: 10 * MIN }), fc.integer({ min: 0, max: 30 * HOUR })),
      idleMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 * HOUR })),
    }),
  },
  { weight: 3, arbitrary: fc.constantFrom(...(['break', 'skip', 'postpone', 'resume', 'tomorrow'] as const)).map((kind) => ({ kind })) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pause' as const), minutes: fc.integer({ min: 1, max: 600 }) }) },
);

function inWorkingPeriod(t: number, s: ScheduleSettings, tz: string): boolean {
  const p = periodAt(t, s, tz);
  return p !== null && s.workingDays.includes(new Date(`${p.date}T00:00:00Z`).getUTCDay() || 7);
}

describe('schedule properties', () => {
  it('never lets a break fall due outside working hours, announces each break at most once and never late, and evaluate is idempotent', () => {
    fc.assert(
      fc.property(settingsArb, fc.constantFrom(...ZONES), startArb, fc.array(stepArb, { maxLength: 40 }), (s, tz, start, steps) => {
        let now = start;
        let st: ScheduleState = initialState(s, now, tz);
        let wakeAt: number | null = null;
        const announced = new Set<number>();
        const check = (idleMs: number) => {
          const ev = evaluate(st, s, now, tz, { idleMs });
          const again = evaluate(ev.state, s, now, tz, { idleMs });
          expect(again.state).toEqual(ev.state);
          expect(again.status).toEqual(ev.status);
          expect(again.wakeAt).toBe(ev.wakeAt);
          expect(again.notify).toBeNull();

          const { status } = ev;
          if (ev.state.nextBreakAt !== null) expect(inWorkingPeriod(ev.state.nextBreakAt, s, tz)).toBe(true);
          if (ev.wakeAt !== null) expect(ev.wakeAt).toBeGreaterThan(now);
          if (status.kind === 'waiting') expect(status.dueAt).toBeGreaterThan(now);
          if (status.kind === 'warning' || status.kind === 'due') {
            expect(inWorkingPeriod(now, s, tz)).toBe(true);
            expect(inWorkingPeriod(status.dueAt, s, tz)).toBe(true);
          }
          if (status.kind === 'warning') expect(status.secondsLeft).toBeLessThanOrEqual(s.warningSeconds);
          if (ev.notify === 'due' && status.kind === 'due') {
            expect(announced.has(status.dueAt)).toBe(false);
            announced.add(status.dueAt);
            expect(now - status.dueAt).toBeLessThan(NATURAL_BREAK_MINUTES * MIN);
          }
          st = ev.state;
          wakeAt = ev.wakeAt;
        };
        check(0);
        for (const step of steps) {
          switch (step.kind) {
            case 'timer':
              if (wakeAt !== null) now = wakeAt;
              check(0);
              break;
            case 'jump':
              now += step.ms;
              check(step.idleMs);
              break;
            case 'break':
              st = breakTaken(st, s, now, tz);
              check(0);
              break;
            case 'skip':
              st = skip(st, s, now, tz);
              check(0);
              break;
            case 'postpone': {
              const before = st.postponesUsed;
              const r = postpone(st, s, now, tz);
              if (r.ok) expect(r.state.postponesUsed === before + 1 || r.state.postponesUsed === 0).toBe(true);
              expect(r.state.postponesUsed).toBeLessThanOrEqual(s.maxPostpones);
              st = r.state;
              check(0);
              break;
            }
            case 'resume':
              st = resume(st, s, now, tz);
              check(0);
              break;
            case 'tomorrow':
              st = pauseUntilTomorrow(st, s, now, tz);
              expect(st.pausedUntil).toBeGreaterThan(now);
              expect(inWorkingPeriod(st.pausedUntil!, s, tz)).toBe(true);
              check(0);
              break;
            case 'pause':
              st = pauseFor(st, step.minutes, now);
              check(0);
              break;
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('schedules the first break at least an interval after the anchor, inside a working period', () => {
    fc.assert(
      fc.property(settingsArb, fc.constantFrom(...ZONES), startArb, (s, tz, anchor) => {
        const next = firstBreakFrom(anchor, s, tz);
        expect(next).not.toBeNull();
        expect(next!.at - anchor).toBeGreaterThanOrEqual(s.intervalMinutes * MIN);
        const p = periodAt(next!.at, s, tz);
        expect(p?.start).toBe(next!.periodStart);
        // exactly an interval after the anchor, or after its period's start
        expect([anchor + s.intervalMinutes * MIN, next!.periodStart + s.intervalMinutes * MIN]).toContain(next!.at);
      }),
      { numRuns: 500 },
    );
  });
});
