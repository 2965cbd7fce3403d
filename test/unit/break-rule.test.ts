import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GAME_IDS } from '../../src/core/games';
import { isBreak, MIN_BREAK_SECONDS, notABreakReason, workDone, workUnit } from '../../src/core/play';

describe('what counts as a break', () => {
  it('each game counts in its own unit', () => {
    expect(GAME_IDS.map((g) => [g, workUnit(g)])).toEqual([
      ...GAME_IDS.map((g) => [g, g === 'reach' ? 'hits' : g === 'side-bend' ? 'holdSeconds' : 'reps']),
    ]);
    expect(workDone({ game: 'reach', reps: 3, hits: 3, durationSeconds: 60 })).toEqual({ unit: 'hits', value: 3 });
    // Completed holds are not what side-bend shows: seconds held are.
    expect(workDone({ game: 'side-bend', reps: 0, holdSeconds: 2.5, durationSeconds: 60 })).toEqual({ unit: 'holdSeconds', value: 2.5 });
  });

  it('a minute of standing still is not a break; one rep in it is', () => {
    expect(notABreakReason({ game: 'arm-raises', reps: 0, durationSeconds: 60, played: true })).toBe('nothing-done');
    expect(isBreak({ game: 'arm-raises', reps: 1, durationSeconds: 60, played: true })).toBe(true);
    expect(notABreakReason({ game: 'reach', reps: 0, hits: 0, durationSeconds: 60 })).toBe('nothing-done');
    expect(notABreakReason({ game: 'side-bend', reps: 0, holdSeconds: 0.9, durationSeconds: 60 })).toBe('nothing-done');
    expect(isBreak({ game: 'side-bend', reps: 0, holdSeconds: 1, durationSeconds: 60 })).toBe(true);
  });

  it('an early stop counts only after the minimum play time', () => {
    expect(notABreakReason({ game: 'squats', reps: 5, durationSeconds: MIN_BREAK_SECONDS - 0.1 })).toBe('too-short');
    expect(isBreak({ game: 'squats', reps: 5, durationSeconds: MIN_BREAK_SECONDS })).toBe(true);
    expect(notABreakReason({ game: 'squats', reps: 5, durationSeconds: 60, played: false })).toBe('too-short');
  });

  it('more work or more time never turns a break into none (monotone)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...GAME_IDS), fc.nat(50), fc.nat(50), fc.double({ min: 0, max: 200, noNaN: true }), fc.nat(30), fc.double({ min: 0, max: 100, noNaN: true }),
        (game, reps, more, seconds, extra, hold) => {
          const a = { game, reps, hits: reps, holdSeconds: hold, durationSeconds: seconds };
          const b = { game, reps: reps + more, hits: reps + more, holdSeconds: hold + more, durationSeconds: seconds + extra };
          if (isBreak(a)) expect(isBreak(b)).toBe(true);
        }),
    );
  });
});
