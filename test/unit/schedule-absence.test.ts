import { describe, expect, it } from 'vitest';
import { awayMs, DEFAULT_SCHEDULE, evaluate, initialState, PAGE_IDLE_THRESHOLD_MS, remindIn } from '../../src/core/schedule';

const MIN = 60_000;
const STO = 'Europe/Stockholm';
const MONDAY_9 = Date.parse('2026-11-23T09:00:00+01:00');

describe('absence from page signals', () => {
  it('counts an input gap only while the app has focus, and only from the threshold on', () => {
    expect(awayMs({ lastInputAt: 0, focused: true, systemIdleSince: null }, PAGE_IDLE_THRESHOLD_MS - 1)).toBe(0);
    expect(awayMs({ lastInputAt: 0, focused: true, systemIdleSince: null }, 10 * MIN)).toBe(10 * MIN);
    // Unfocused: the user may be typing in another app.
    expect(awayMs({ lastInputAt: 0, focused: false, systemIdleSince: null }, 10 * MIN)).toBe(0);
  });

  it('trusts the system idle / screen-lock state when granted, focus or not', () => {
    expect(awayMs({ lastInputAt: 9 * MIN, focused: false, systemIdleSince: 2 * MIN }, 10 * MIN)).toBe(8 * MIN);
  });

  it('an absence of five minutes restarts the interval instead of a reminder on return', () => {
    const settings = { ...DEFAULT_SCHEDULE, enabled: true };
    let state = initialState(settings, MONDAY_9, STO);
    expect(state.nextBreakAt).toBe(MONDAY_9 + 45 * MIN);
    // The app ticks at the warning (09:44); the user, away since 09:17, comes back at 09:47.
    state = evaluate(state, settings, MONDAY_9 + 44 * MIN, STO, { idleMs: 27 * MIN }).state;
    const back = MONDAY_9 + 47 * MIN;
    const result = evaluate(state, settings, back, STO, { idleMs: 30 * MIN });
    expect(result.status.kind).toBe('waiting');
    expect(result.state.nextBreakAt).toBe(back + 45 * MIN);
    // Present all along, the same moment is a due break.
    const present = evaluate(initialState(settings, MONDAY_9, STO), settings, MONDAY_9 + 44 * MIN, STO).state;
    expect(evaluate(present, settings, back, STO).status.kind).toBe('due');
  });
});

describe('remind me in 15 minutes', () => {
  const settings = { ...DEFAULT_SCHEDULE, enabled: true };

  it('moves a due break 15 minutes ahead without using a postpone', () => {
    const due = MONDAY_9 + 46 * MIN;
    const { state } = evaluate(initialState(settings, MONDAY_9, STO), settings, due, STO);
    const later = remindIn(state, settings, 15, due, STO);
    expect(later.nextBreakAt).toBe(due + 15 * MIN);
    expect(later.postponesUsed).toBe(state.postponesUsed);
    expect(evaluate(later, settings, due + 14 * MIN, STO).status.kind).toBe('warning');
    expect(evaluate(later, settings, due + 15 * MIN, STO).status.kind).toBe('due');
  });

  it('past the end of work it becomes the first break of the next working period', () => {
    const late = Date.parse('2026-11-23T16:55:00+01:00');
    const { state } = evaluate(initialState(settings, late - 50 * MIN, STO), settings, late, STO);
    const later = remindIn(state, settings, 15, late, STO);
    expect(later.nextBreakAt).toBeGreaterThan(Date.parse('2026-11-24T08:00:00+01:00'));
  });
});
