import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutral, poseVector, standingPerson, type Pose } from '../../src/core/pose/body-model';
import { createGame, GAMES, GAME_IDS, isGameId, reachTargetAt, type GameId, type GameState } from '../../src/core/games';
import type { PoseVector } from '../../src/core/pose/keypoints';

const DEG = Math.PI / 180;
const person = standingPerson();
const seated = standingPerson({ seated: true, H: 700, footY: 280 + (0.47 + 0.29) * 700 });

/** Drives a game at 30 fps with poses from a function of time (s). */
function drive(id: GameId, seconds: number, at: (t: number) => PoseVector | null, seed = 1): GameState {
  const g = createGame(id, { width: 640, height: 480, seed });
  let s = g.state;
  for (let i = 0; i <= seconds * 30; i++) s = g.update({ t: (i * 1000) / 30, kp: at(i / 30) });
  return s;
}

const squatAt = (q: number): number[] => poseVector(person, { ...neutral(person), q });
const armsAt = (p: typeof person, deg: number): number[] => {
  const pose: Pose = neutral(p);
  pose.armL = { theta: deg * DEG, fwd: 1 };
  pose.armR = { theta: deg * DEG, fwd: 1 };
  return poseVector(p, pose);
};

describe('game metadata', () => {
  it('has every contract id, and seated games never need legs', () => {
    expect(Object.keys(GAMES).sort()).toEqual([...GAME_IDS].sort());
    for (const id of GAME_IDS) {
      const m = GAMES[id];
      expect(m.id).toBe(id);
      if (m.seatedFriendly) expect(m.requiredKeypoints.some((k) => /knee|ankle|hip/.test(k))).toBe(false);
    }
    expect(GAME_IDS.filter((id) => GAMES[id].seatedFriendly).sort()).toEqual(['arm-raises', 'reach', 'side-bend']);
    expect(isGameId('squats')).toBe(true);
    expect(isGameId('situps')).toBe(false);
    expect(() => createGame('situps' as GameId, { width: 1, height: 1 })).toThrow(/unknown game/);
  });
});

describe('calibration and prompts', () => {
  it('asks to step in when nobody is there', () => {
    const s = drive('squats', 2, () => null);
    expect(s).toMatchObject({ phase: 'calibrating', personVisible: false, needs: 'step-in', reps: 0 });
  });

  it('asks a seated person to step back for squats, but lets them play arm-raises', () => {
    const kp = armsAt(seated, 10);
    expect(drive('squats', 2, () => kp)).toMatchObject({ phase: 'calibrating', needs: 'step-back', personVisible: true });
    expect(drive('arm-raises', 2, () => kp)).toMatchObject({ phase: 'playing', needs: null });
    expect(drive('side-bend', 2, () => kp).phase).toBe('playing');
    expect(drive('reach', 2, () => kp).phase).toBe('playing');
  });

  it('ignores keypoints below the confidence threshold', () => {
    const low = squatAt(0).map((v, i) => (i % 3 === 2 ? 0.25 : v));
    expect(drive('squats', 2, () => low)).toMatchObject({ phase: 'calibrating', needs: 'show-shoulders' });
  });

  it('calibrates after ~0.8 s of a visible person', () => {
    const g = createGame('squats', { width: 640, height: 480 });
    const kp = squatAt(0);
    const states = Array.from({ length: 40 }, (_, i) => g.update({ t: i * 33.3, kp }));
    const first = states.findIndex((s) => s.phase === 'playing');
    expect(first).toBeGreaterThan(20);
    expect(first).toBeLessThan(30);
    expect(states[first - 1].calibration).toBeGreaterThan(0.8);
  });
});

describe('rep counting rules', () => {
  const squatWave = (periodS: number, depth: number) => (t: number) =>
    t < 1.5 ? squatAt(0) : squatAt(depth * 0.5 * (1 - Math.cos((2 * Math.PI * (t - 1.5)) / periodS)));

  it('counts full squats and ignores partial ones', () => {
    expect(drive('squats', 1.5 + 5 * 2, squatWave(2, 1)).reps).toBe(5);
    expect(drive('squats', 1.5 + 5 * 2, squatWave(2, 0.4)).reps).toBe(0);
  });

  it('ignores reps faster than the minimum rep duration (jitter)', () => {
    expect(drive('squats', 1.5 + 6 * 0.3, squatWave(0.3, 1)).reps).toBe(0);
  });

  it('holds through short dropouts but abandons a rep after a long one', () => {
    // Down at 2-3 s, with the bottom hidden for 0.3 s: still one rep.
    const short = (t: number) => (t > 2.3 && t < 2.6 ? null : t > 2 && t < 3 ? squatAt(1) : squatAt(0));
    expect(drive('squats', 4, short).reps).toBe(1);
    // Person gone for 3 s while down: coming back up is not a rep.
    const long = (t: number) => (t > 2.2 && t < 5.2 ? null : t > 2 && t < 5.5 ? squatAt(1) : squatAt(0));
    expect(drive('squats', 7, long).reps).toBe(0);
  });

  it('counts arm raises seated, only above the head', () => {
    const wave = (top: number) => (t: number) => armsAt(seated, t < 1.5 ? 10 : 10 + (top - 10) * 0.5 * (1 - Math.cos(((t - 1.5) * 2 * Math.PI) / 2)));
    expect(drive('arm-raises', 1.5 + 4 * 2, wave(165)).reps).toBe(4);
    expect(drive('arm-raises', 1.5 + 4 * 2, wave(95)).reps).toBe(0);
  });

  it('side-bend counts holds, reports the hold timer and alternates the side to do next', () => {
    const bend = (deg: number) => {
      const p = neutral(seated);
      p.bend = deg * DEG;
      return poseVector(seated, p);
    };
    const g = createGame('side-bend', { width: 640, height: 480 });
    let s = g.state;
    let t = 0;
    const hold = (deg: number, secs: number) => {
      for (const end = t + secs * 1000; t < end; t += 33.3) s = g.update({ t, kp: bend(deg) });
    };
    hold(0, 1.5);
    hold(25, 2);
    expect(s.sideBend).toMatchObject({ side: 'left', nextSide: 'left' });
    expect(s.sideBend!.holdMs).toBeGreaterThan(1500);
    hold(25, 3);
    expect(s.reps).toBe(1);
    expect(s.sideBend!.nextSide).toBe('right');
    hold(0, 1);
    hold(-25, 1); // too short
    hold(0, 1);
    expect(s.reps).toBe(1);
    expect(s.sideBend!.holdSeconds).toBeGreaterThan(5.5);
    expect(s.sideBend!.holdSeconds).toBeLessThan(6.5);
  });
});

describe('reach', () => {
  it('target sequences are deterministic per seed and stay within arm reach', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(200), (seed, i) => {
        const a = reachTargetAt(seed, i);
        expect(reachTargetAt(seed, i)).toEqual(a);
        const r = Math.hypot(a.out, a.up);
        expect(r).toBeGreaterThanOrEqual(0.9 - 1e-9);
        expect(r).toBeLessThanOrEqual(1.35 + 1e-9);
      }),
    );
    const seq = (seed: number) => Array.from({ length: 8 }, (_, i) => reachTargetAt(seed, i));
    expect(seq(1)).not.toEqual(seq(2));
  });

  it('the same seed and frames give the same game, frame by frame', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.array(fc.double({ min: -40, max: 170, noNaN: true }), { minLength: 5, maxLength: 40 }), (seed, angles) => {
        const frames = angles.flatMap((deg, k) => Array.from({ length: 10 }, (_, j) => ({ t: (k * 10 + j) * 33, kp: armsAt(person, deg) })));
        const run = () => {
          const g = createGame('reach', { width: 640, height: 480, seed });
          return frames.map((f) => g.update(f));
        };
        expect(run()).toEqual(run());
      }),
      { numRuns: 30 },
    );
  });

  it('shows a target in pixels after calibration', () => {
    const s = drive('reach', 2, () => armsAt(seated, 10), 5);
    expect(s.reach!.target).not.toBeNull();
    expect(s.reach!.target!.radius).toBeGreaterThan(20);
    expect(s.reach!.targetIndex).toBe(0);
  });
});
