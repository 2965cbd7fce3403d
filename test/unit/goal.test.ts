import { describe, expect, it } from 'vitest';
import { DEFAULT_GOAL, goalProgress, goalStreaks, parseGoal, suggestNextGame, type DailyTotal } from '../../src/core/metrics';

const day = (date: string, sessions: number, activeSeconds = 0): DailyTotal => ({ date, sessions, reps: 0, activeSeconds, movementPoints: 0 });

describe('daily goal', () => {
  it('progress in breaks or whole active minutes', () => {
    expect(goalProgress(undefined, { kind: 'breaks', target: 3 })).toEqual({ done: 0, target: 3, met: false });
    expect(goalProgress(day('2026-11-02', 3), { kind: 'breaks', target: 3 })).toEqual({ done: 3, target: 3, met: true });
    expect(goalProgress(day('2026-11-02', 9, 299), { kind: 'minutes', target: 5 })).toEqual({ done: 4, target: 5, met: false });
    expect(goalProgress(day('2026-11-02', 1, 300), { kind: 'minutes', target: 5 }).met).toBe(true);
  });

  it('a stored goal that is not one the app offers falls back to the default', () => {
    expect(parseGoal({ kind: 'minutes', target: 10 })).toEqual({ kind: 'minutes', target: 10 });
    expect(parseGoal({ kind: 'minutes', target: 7 })).toEqual(DEFAULT_GOAL);
    expect(parseGoal({ kind: 'laps', target: 3 })).toEqual(DEFAULT_GOAL);
    expect(parseGoal(null)).toEqual(DEFAULT_GOAL);
  });

  it('streaks count only days on which the goal was met', () => {
    const days = [day('2026-11-01', 3), day('2026-11-02', 1), day('2026-11-03', 4), day('2026-11-04', 3), day('2026-11-05', 1)];
    const goal = { kind: 'breaks', target: 3 } as const;
    // Today (the 5th) is not met yet: the streak ending yesterday still stands.
    expect(goalStreaks(days, goal, '2026-11-05')).toEqual({ current: 2, longest: 2 });
    expect(goalStreaks(days, { kind: 'breaks', target: 1 }, '2026-11-05')).toEqual({ current: 5, longest: 5 });
    // A missed day breaks it.
    expect(goalStreaks(days, goal, '2026-11-06').current).toBe(0);
  });
});

describe('suggested next game', () => {
  it('never played games first, in catalogue order; a seated one right after a standing game', () => {
    expect(suggestNextGame([])).toBe('squats');
    expect(suggestNextGame(['squats'])).toBe('arm-raises'); // squats is standing: a seated-friendly one next
    expect(suggestNextGame(['jumping-jacks', 'arm-raises'])).toBe('reach');
    expect(suggestNextGame(['arm-raises'])).toBe('squats'); // after a seated game, anything but a repeat
  });

  it('variety: the game played longest ago', () => {
    expect(suggestNextGame(['reach', 'side-bend', 'arm-raises', 'jumping-jacks', 'squats'])).toBe('squats');
    expect(suggestNextGame(['squats', 'reach', 'side-bend', 'arm-raises', 'jumping-jacks'])).toBe('arm-raises');
  });
});
