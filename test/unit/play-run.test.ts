import { describe, expect, it } from 'vitest';
import { neutral, poseVector, standingPerson, type Pose } from '../../src/core/pose/body-model';
import { createGame, type Attempt, type Game, type GameOptions, type GameState } from '../../src/core/games';
import { MovementMeter, summarize } from '../../src/core/metrics';
import { createRun, replayTrace, type Run, type RunConfig, type RunState } from '../../src/core/play';
import type { PoseVector } from '../../src/core/pose/keypoints';
import { parseTraceText, serializeTrace, TraceRecorder } from '../../src/core/trace';

const FPS = 30;
const STEP = 1000 / FPS;
const KP = Array.from({ length: 51 }, (_, i) => (i % 3 === 2 ? 0.9 : 100 + i));

/**
 * A scripted game, so the run's own timeline can be checked to the frame: it calibrates after
 * `calibrateMs` of unbroken presence, sees the person whenever kp is not null, and counts a rep
 * (and reports a near miss) at the times it is told.
 */
function scripted(script: { calibrateMs?: number; repsAt?: number[]; attemptsAt?: number[] } = {}) {
  const calibrateMs = script.calibrateMs ?? 800;
  return (id: RunConfig['game'], _options: GameOptions): Game => {
    let since: number | null = null;
    let state: GameState = {
      game: id, t: 0, phase: 'calibrating', personVisible: false, needs: 'step-in', calibration: 0, reps: 0,
      stage: 'rest', progress: 0, lastRepAt: null, lastAttempt: null, elapsedMs: 0,
    };
    return {
      meta: undefined as never,
      get state() {
        return state;
      },
      update({ t, kp }) {
        const visible = kp !== null;
        let phase = state.phase;
        if (phase === 'calibrating') {
          since = visible ? (since ?? t) : null;
          if (since !== null && t - since >= calibrateMs) phase = 'playing';
        }
        const playing = phase === 'playing';
        const reps = playing ? (script.repsAt ?? []).filter((r) => r <= t).length : 0;
        const lastAttemptT = playing ? (script.attemptsAt ?? []).filter((a) => a <= t).pop() : undefined;
        const lastAttempt: Attempt | null = lastAttemptT === undefined ? null : { t: lastAttemptT, reached: 0.7, cue: 'higher' };
        state = { ...state, t, phase, personVisible: visible, needs: visible ? (playing ? null : 'stand-up') : 'step-in', reps, lastAttempt };
        return state;
      },
    };
  };
}

const config = (over: Partial<RunConfig> = {}): RunConfig => ({
  game: 'arm-raises', seed: 1, durationMs: 10_000, countdownMs: 3000, idleMs: 30_000, width: 640, height: 480, ...over,
});

/** Feeds frames at 30 fps from t0 (inclusive) to t1 (exclusive); returns every state. */
function feed(run: Run, t0: number, t1: number, kp: (t: number) => PoseVector | null): RunState[] {
  const out: RunState[] = [];
  for (let i = 0; t0 + i * STEP < t1; i++) {
    const t = Math.round((t0 + i * STEP) * 10) / 10;
    out.push(run.frame(t, kp(t)));
  }
  return out;
}

const person = () => KP;
const nobody = () => null;

describe('the run, on fake timelines', () => {
  it('waits for calibration, then counts down 3-2-1 and only then plays', () => {
    const run = createRun(config(), scripted({ calibrateMs: 800 }));
    expect(feed(run, 0, 1000, nobody).every((s) => s.phase === 'get-ready' && s.needs === 'step-in')).toBe(true);
    const states = feed(run, 1000, 6000, person);
    const times = (phase: string) => states.flatMap((s, i) => (s.phase === phase ? [1000 + i * STEP] : []));
    // Calibrated 800 ms after the person stepped in; "stand up" until then.
    expect(states[0]).toMatchObject({ phase: 'get-ready', needs: 'stand-up' });
    const countdownStart = times('countdown')[0];
    expect(countdownStart).toBeCloseTo(1800, -1);
    expect(states.filter((s) => s.phase === 'countdown').map((s) => s.countdown)).toEqual(
      expect.arrayContaining([3, 2, 1]),
    );
    const countdowns = states.filter((s) => s.phase === 'countdown').map((s) => s.countdown);
    expect(countdowns).toEqual([...countdowns].sort((a, b) => b - a)); // never counts up
    const playStart = times('playing')[0];
    expect(playStart - countdownStart).toBeGreaterThanOrEqual(3000);
    expect(playStart - countdownStart).toBeLessThan(3000 + STEP);
    // The clock did not run before play.
    for (const s of states.filter((s) => s.phase !== 'playing')) expect(s).toMatchObject({ playedMs: 0, secondsLeft: 10 });
    expect(run.state.playedMs).toBeCloseTo(6000 - playStart - STEP, -2);
  });

  it('pauses the clock while the person is out of view, and says so', () => {
    const run = createRun(config(), scripted());
    feed(run, 0, 4000, person); // calibrated at 800, playing from 3800
    expect(run.state.phase).toBe('playing');
    feed(run, 4000, 6000, person);
    const before = run.state.playedMs;
    const lost = feed(run, 6000, 9000, nobody);
    expect(lost.every((s) => s.lost && s.phase === 'playing')).toBe(true);
    expect(run.state.playedMs).toBe(before);
    const back = feed(run, 9000, 10_000, person);
    expect(back.every((s) => !s.lost)).toBe(true);
    expect(run.state.playedMs).toBeGreaterThan(before + 900);
    expect(run.state.secondsLeft).toBe(Math.ceil((10_000 - run.state.playedMs) / 1000));
  });

  it('ends by itself after idleMs with nobody in view, before play (nothing played) and during it', () => {
    const empty = createRun(config({ idleMs: 2000 }), scripted());
    const states = feed(empty, 0, 5000, nobody);
    const done = states.findIndex((s) => s.phase === 'done');
    expect(done * STEP).toBeCloseTo(2000, -1);
    expect(empty.state.result).toMatchObject({ reason: 'idle', played: false, cutShort: true, durationSeconds: 0 });
    expect(empty.state.result!.frames).toBe(done + 1); // later frames are ignored

    const left = createRun(config({ idleMs: 2000 }), scripted());
    feed(left, 0, 6000, person);
    feed(left, 6000, 9000, nobody);
    expect(left.state.result).toMatchObject({ reason: 'idle', played: true, cutShort: true });
    expect(left.state.result!.durationSeconds).toBeCloseTo(2.2, 0);
    expect(left.state.result!.endT).toBeCloseTo(8000, -1);
  });

  it('a person who stays visible but off-centre (kp present) does not trigger the idle end', () => {
    const run = createRun(config({ idleMs: 1000, durationMs: Infinity }), scripted());
    feed(run, 0, 20_000, person);
    expect(run.state.phase).toBe('playing');
  });

  it('an early stop before play saves nothing; after a second of play it is a cut-short result', () => {
    for (const until of [500, 2000, 3900]) {
      const run = createRun(config(), scripted());
      feed(run, 0, until, person); // get-ready, countdown, 100 ms of play
      expect(run.stop('stopped').result).toMatchObject({ reason: 'stopped', played: false });
    }
    const run = createRun(config(), scripted());
    expect(run.stop('camera-lost').result).toMatchObject({ played: false, frames: 0, endT: null });

    const played = createRun(config(), scripted());
    feed(played, 0, 6000, person);
    const result = played.stop('stopped').result!;
    expect(result).toMatchObject({ reason: 'stopped', played: true, cutShort: true });
    expect(result.durationSeconds).toBeCloseTo(2.2, 0);
    expect(played.stop('camera-lost').result).toBe(result); // a second stop changes nothing
    expect(played.frame(7000, KP).result).toBe(result);
  });

  it('ends when the play time is used up, not cut short', () => {
    const run = createRun(config({ durationMs: 5000 }), scripted());
    const states = feed(run, 0, 20_000, person);
    const done = states.find((s) => s.phase === 'done')!;
    expect(done.result).toMatchObject({ reason: 'time-up', played: true, cutShort: false, durationSeconds: 5 });
    expect(done.result!.endT).toBeCloseTo(3800 + 5000, -1);
  });

  it('frame gaps (tab throttled, laptop asleep) count at most 250 ms of play', () => {
    const run = createRun(config({ durationMs: 60_000 }), scripted());
    feed(run, 0, 5000, person);
    const before = run.state.playedMs;
    run.frame(65_000, KP); // a minute asleep
    expect(run.state.playedMs - before).toBe(250);
    expect(run.state.phase).toBe('playing');
  });

  it('counts reps and movement from calibration on, the countdown included', () => {
    const run = createRun(config({ durationMs: 5000 }), scripted({ calibrateMs: 800, repsAt: [1500, 3000, 5000] }));
    const states = feed(run, 0, 20_000, person);
    const atGo = states.find((s) => s.phase === 'playing')!;
    expect(atGo.reps).toBe(2); // both during the countdown
    expect(run.state.result!.reps).toBe(3);
  });

  it('shows a near-miss cue for 1.5 s after the attempt', () => {
    const run = createRun(config(), scripted({ attemptsAt: [5000] }));
    const states = feed(run, 0, 8000, person);
    const cueTimes = states.flatMap((s, i) => (s.cue ? [i * STEP] : []));
    expect(cueTimes[0]).toBeCloseTo(5000, -1);
    expect(cueTimes.at(-1)! - cueTimes[0]).toBeLessThan(1500);
    expect(cueTimes.at(-1)! - cueTimes[0]).toBeGreaterThan(1400);
    expect(states.find((s) => s.cue)!).toMatchObject({ cue: 'higher', lastAttempt: { cue: 'higher' } });
  });
});

// The real games (whatever their rules count), a standing person doing arm raises.
const body = standingPerson();
const DEG = Math.PI / 180;
function arms(deg: number, jitter = 0): number[] {
  const pose: Pose = neutral(body);
  pose.armL = { theta: deg * DEG, fwd: 1 };
  pose.armR = { theta: deg * DEG, fwd: 1 };
  // Sub-pixel noise like a live detector's, so quantization in the trace matters.
  return poseVector(body, pose).map((v, i) => (i % 3 === 2 ? Math.min(1, v - 0.00731 * jitter) : v + 0.0377 * jitter));
}
/** Arms at rest for 4 s (time to calibrate), then raises in a 2.5 s cycle (t in ms). */
function exercise(t: number): number[] {
  const s = t / 1000;
  if (s < 4) return arms(10, Math.sin(t));
  const phase = ((s - 4) % 2.5) / 2.5;
  const lift = phase < 0.6 ? Math.sin((phase / 0.6) * Math.PI) : 0;
  return arms(10 + 165 * lift, Math.sin(t));
}

describe('the run with the real games', () => {
  it('its reps are the game’s own count, its movement the meter’s from calibration on', () => {
    const run = createRun(config({ durationMs: 15_000 }));
    const game = createGame('arm-raises', { width: 640, height: 480, seed: 1 });
    const meter = new MovementMeter();
    let calibrated = false;
    for (let t = 0; run.state.phase !== 'done' && t < 120_000; t += STEP) {
      const kp = exercise(t);
      run.frame(t, kp);
      if (game.update({ t, kp }).phase === 'playing') calibrated = true;
      if (calibrated) meter.update(t, kp);
    }
    const result = run.state.result!;
    expect(calibrated).toBe(true);
    expect(result).toMatchObject({
      reason: 'time-up',
      reps: game.state.reps,
      movementPoints: Math.round(meter.points),
      activeSeconds: Math.round(meter.activeSeconds * 10) / 10,
      durationSeconds: 15,
    });
    expect(result.reps).toBeGreaterThan(0);
  });

  it.each([
    ['time up', 'reach', 8000, null],
    ['stopped', 'side-bend', 60_000, 'stopped'],
    ['camera lost', 'arm-raises', 60_000, 'camera-lost'],
  ] as const)('a recorded run (%s) replays from its trace file to the identical result', (_name, game, durationMs, stopReason) => {
    // Live: absolute timestamps (performance.now()), unrounded keypoints, a repeated frame time.
    const live = { game, seed: 987_654_321, durationMs, countdownMs: 3000, idleMs: 30_000 };
    const recorder = new TraceRecorder({ width: 640, height: 480, run: live });
    const run = createRun({ ...live, width: 640, height: 480 });
    let last = 0;
    for (let i = 0; run.state.phase !== 'done' && i < (stopReason ? 500 : 900); i++) {
      const now = 123_456.789 + i * STEP + (i === 50 ? -STEP : 0);
      const frame = recorder.push(now, i % 40 < 3 ? null : exercise(i * STEP));
      if (!frame) continue;
      last = frame.t;
      run.frame(frame.t, frame.kp);
    }
    if (stopReason) run.stop(stopReason);
    const result = run.state.result!;
    recorder.end(last, result.reason);
    expect(result.played).toBe(true);

    const trace = parseTraceText(serializeTrace(recorder.toTrace()));
    expect(trace.run).toMatchObject({ game, seed: 987_654_321, durationMs, end: { reason: result.reason } });
    expect(replayTrace(trace)).toEqual(result);
    expect(summarize(trace)).toMatchObject({ game, reps: result.reps, activeSeconds: result.activeSeconds, movementPoints: result.movementPoints });
  });

  it('an older trace without a run plays endlessly and stops at its last frame', () => {
    const recorder = new TraceRecorder({ width: 640, height: 480 });
    for (let t = 0; t < 12_000; t += STEP) recorder.push(t, exercise(t));
    const trace = parseTraceText(serializeTrace(recorder.toTrace()));
    expect(trace.run).toBeUndefined();
    expect(() => replayTrace(trace)).toThrow(/no game/);
    const result = replayTrace(trace, { game: 'arm-raises' });
    expect(result).toMatchObject({ reason: 'end-of-trace', seed: 1, frames: trace.frames.length, played: true });
    expect(result.durationSeconds).toBeGreaterThan(4);
  });
});
