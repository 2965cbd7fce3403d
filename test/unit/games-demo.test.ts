// The demo figure shows a movement the game counts: its keypoints, fed through the game's own run,
// count one rep (target, hold) per rep the animation shows, and nothing while it stands still.
import { describe, expect, it } from 'vitest';
import { GAME_IDS, type GameId } from '../../src/core/games';
import { DEMOS, demoFrame } from '../../src/core/games/demo';
import { createRun } from '../../src/core/play';
import { MODEL_FRAME } from '../../src/core/pose/body-model';

const FPS = 30;
const REST_MS = 1500;

/** Plays `loops` loops of the demo after a still start (the figure's first pose) and returns the run's count. */
function playDemo(game: GameId, loops: number): { reps: number; work: number } {
  const run = createRun({ game, seed: 1, durationMs: Infinity, countdownMs: 0, ...MODEL_FRAME });
  const end = REST_MS + loops * DEMOS[game].periodMs;
  let state = run.state;
  for (let i = 0; (i * 1000) / FPS <= end; i++) {
    const t = (i * 1000) / FPS;
    state = run.frame(t, demoFrame(game, Math.max(0, t - REST_MS)).kp);
  }
  const g = state.game!;
  return { reps: state.reps, work: game === 'reach' ? g.reach!.hits : game === 'side-bend' ? g.sideBend!.holdSeconds : state.reps };
}

describe('demo figures', () => {
  for (const game of GAME_IDS) {
    it(`${game}: the game counts every rep the demo shows`, () => {
      const { reps } = playDemo(game, 3);
      expect(reps).toBe(3 * DEMOS[game].repsPerLoop);
    });
  }

  it('side bend: each demo hold lasts past the hold that counts', () => {
    const { work } = playDemo('side-bend', 1);
    expect(work).toBeGreaterThanOrEqual(2 * 4);
  });

  it('reach: the figure reaches for the target it shows', () => {
    const ms = DEMOS.reach.keyMs;
    const f = demoFrame('reach', ms);
    expect(f.target).not.toBeNull();
    const wrists = [9, 10].map((i) => Math.hypot(f.kp[i * 3] - f.target!.x, f.kp[i * 3 + 1] - f.target!.y));
    expect(Math.min(...wrists)).toBeLessThan(f.target!.radius);
  });

  it('a standing figure counts nothing, and each loop ends where it starts (no jump)', () => {
    for (const game of GAME_IDS) {
      const run = createRun({ game, seed: 1, durationMs: Infinity, countdownMs: 0, ...MODEL_FRAME });
      let state = run.state;
      for (let i = 0; i < 10 * FPS; i++) state = run.frame((i * 1000) / FPS, demoFrame(game, 0).kp);
      expect(state.reps, game).toBe(0);
      const a = demoFrame(game, 0).kp;
      const b = demoFrame(game, DEMOS[game].periodMs - 1).kp;
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i]), `${game} value ${i}`).toBeLessThan(1);
    }
  });
});
