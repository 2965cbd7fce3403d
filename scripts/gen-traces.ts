/**
 * Generates synthetic pose-trace/1 files from a kinematic front-view body model, with the expected
 * result of each in a sidecar expected.json. Two sets with different seeds and parameter ranges:
 *   test/traces/synthetic/  tuning set (the games were tuned against it)
 *   test/traces/heldout/    held-out set (only used to report accuracy on unseen traces)
 * Usage: tsx scripts/gen-traces.ts [--set synthetic|heldout|all]
 *
 * The model is a 2D skeleton in units of body height H (y up, origin between the feet), posed by a
 * few joint parameters (squat depth, leg spread, hop, lateral bend, per-arm angle or wrist goal),
 * projected into the image with the person's size, position, a slight body turn and camera roll, then
 * given MoveNet-like defects: position noise, score noise, per-keypoint flicker below the score
 * threshold (each keypoint in about 3 % of frames, in runs of 1–3 frames, more for wrists and ankles
 * as motion blur does), null frames, out-of-frame keypoints, timestamp jitter and dropped frames.
 * People start the way real people do: waiting for "go", already moving, crouched, arms up or feet
 * apart; they lean, step back, bend to the floor, kneel, or stand so close that raised hands leave
 * the frame.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createGame, reachTargetAt, type GameId, type GameState } from '../src/core/games';
import { BEND_ENTER_DEG, BEND_EXIT_DEG } from '../src/core/games/side-bend';
import { mulberry32 } from '../src/core/games/prng';
import { bendMove, jackMove, raiseMove, reachArm, squatMove } from '../src/core/games/demo';
import { DEG, fromImage, MODEL_FRAME, minJerk, neutral, restArm, skeleton, smoothstep, trap, toImage, type Arm, type Person, type Pose, type V } from '../src/core/pose/body-model';
import { KP, POSE_VECTOR_LENGTH } from '../src/core/pose/keypoints';
import { serializeTrace, TRACE_FORMAT, type PoseTrace, type TraceFrame } from '../src/core/trace';

// ---------- randomness ----------
type Rng = () => number;
const uni = (r: Rng, a: number, b: number) => a + (b - a) * r();
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
function gauss(r: Rng): number {
  const u = Math.max(1e-12, r());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

// ---------- body model (src/core/pose/body-model.ts) ----------
const W = MODEL_FRAME.width;
const HGT = MODEL_FRAME.height;

const BASE_SCORE = [0.85, 0.85, 0.85, 0.8, 0.8, 0.8, 0.8, 0.7, 0.7, 0.65, 0.65, 0.75, 0.75, 0.7, 0.7, 0.6, 0.6];
const NOISE_MULT = [0.8, 0.8, 0.8, 1, 1, 1, 1, 1.2, 1.2, 1.5, 1.5, 1.2, 1.2, 1.2, 1.2, 1.3, 1.3];

interface Defects {
  /** Per-frame probability of a burst of null frames. */
  nullBurst: number;
  /** Fraction of frames in which each keypoint is below the score threshold (runs of 1–3 frames). */
  flicker: number;
  /** Per-frame probability that a frame is never delivered (dropped by the pipeline). */
  skip: number;
}

/** Wrists and ankles blur in fast movement: they flicker more. */
const FLICKER_MULT = [1, 1, 1, 1, 1, 0.7, 0.7, 1.2, 1.2, 1.6, 1.6, 0.8, 0.8, 1, 1, 1.4, 1.4];

function render(r: Rng, p: Person, s: Pose, d: Defects, lowLeft: Int8Array): number[] {
  const kp = new Array<number>(POSE_VECTOR_LENGTH);
  const pts = skeleton(p, s).map((v) => toImage(p, v));
  const lows = new Set<number>();
  for (let i = 0; i < 17; i++) {
    // Runs of 1–3 frames (mean 2) started at rate flicker/2 put each keypoint low in ≈ flicker of frames.
    if (lowLeft[i] === 0 && r() < (d.flicker * FLICKER_MULT[i]) / 2) lowLeft[i] = 1 + Math.floor(r() * 3);
    if (lowLeft[i] > 0) {
      lowLeft[i]--;
      lows.add(i);
    }
  }
  for (let i = 0; i < 17; i++) {
    let x = pts[i].x + gauss(r) * p.noise * NOISE_MULT[i];
    let y = pts[i].y + gauss(r) * p.noise * NOISE_MULT[i];
    let sc = BASE_SCORE[i] * p.quality + 0.07 * gauss(r);
    if (p.seated && i >= KP.left_knee) sc = uni(r, 0.02, 0.22); // under the desk
    if (p.seated && (i === KP.left_hip || i === KP.right_hip)) sc = uni(r, 0.15, 0.55);
    if (lows.has(i)) {
      sc = uni(r, 0.03, 0.28);
      x += gauss(r) * 15;
      y += gauss(r) * 15;
    }
    if (x < 0 || x > W - 1 || y < 0 || y > HGT - 1) {
      x = Math.min(W - 1, Math.max(0, x));
      y = Math.min(HGT - 1, Math.max(0, y));
      sc = uni(r, 0.02, 0.2);
    }
    kp[i * 3] = x;
    kp[i * 3 + 1] = y;
    kp[i * 3 + 2] = Math.min(1, Math.max(0, sc));
  }
  return kp;
}

// ---------- motion profiles ----------
/** A scripted segment: duration (s) and how it poses the body at phase p in [0,1]. */
interface Segment {
  dur: number;
  pose(p: number, s: Pose, person: Person): void;
}

function idle(dur: number): Segment {
  return { dur, pose() {} };
}

// ---------- scenario definitions ----------
interface Ranges {
  H: [number, number];
  seatedH: [number, number];
  noise: [number, number];
  fps: readonly number[];
  roll: number; // max |deg|
  yaw: [number, number];
  lean: [number, number];
  defects: Defects;
  squatDur: [number, number];
  squatDepth: [number, number];
  squatPartial: [number, number];
  jjDur: [number, number];
  jjArms: [number, number]; // max arm angle (deg) for full reps
  jjPartialArms: [number, number];
  raiseDur: [number, number];
  raiseFull: [number, number];
  raisePartial: [number, number];
  bend: [number, number];
  bendHold: [number, number];
  bendShallow: [number, number];
  bendShort: [number, number];
  reachMove: [number, number];
  rest: [number, number];
}

const SYNTHETIC: Ranges = {
  H: [260, 370],
  seatedH: [600, 780],
  noise: [0.6, 2.2],
  fps: [15, 20, 24],
  roll: 2,
  yaw: [0.92, 1],
  lean: [0.2, 0.55],
  defects: { nullBurst: 0.006, flicker: 0.03, skip: 0.01 },
  squatDur: [1.6, 3.2],
  squatDepth: [0.85, 1],
  squatPartial: [0.25, 0.45],
  jjDur: [0.8, 1.3],
  jjArms: [150, 172],
  jjPartialArms: [80, 100],
  raiseDur: [1.5, 3],
  raiseFull: [150, 172],
  raisePartial: [60, 100],
  bend: [22, 35],
  bendHold: [4.8, 7],
  bendShallow: [5, 9],
  bendShort: [0.5, 1.6],
  reachMove: [0.5, 0.9],
  rest: [0.2, 1],
};

/** Held-out: other seed, wider and shifted ranges (never tuned against). */
const HELDOUT: Ranges = {
  H: [230, 390],
  seatedH: [560, 820],
  noise: [0.8, 3.2],
  fps: [12, 18, 24],
  roll: 5,
  yaw: [0.82, 1],
  lean: [0.15, 0.65],
  defects: { nullBurst: 0.01, flicker: 0.04, skip: 0.02 },
  squatDur: [1.3, 4],
  squatDepth: [0.8, 1.05],
  squatPartial: [0.15, 0.5],
  jjDur: [0.7, 1.5],
  jjArms: [140, 178],
  jjPartialArms: [60, 105],
  raiseDur: [1.2, 3.6],
  raiseFull: [140, 178],
  raisePartial: [40, 105],
  bend: [19, 40],
  bendHold: [4.6, 8],
  bendShallow: [3, 8],
  bendShort: [0.3, 2],
  reachMove: [0.4, 1.1],
  rest: [0.1, 1.5],
};

interface Expected {
  game: GameId;
  reps: number;
  seed?: number;
  hits?: number;
  holdSeconds?: number;
  /** Scenario summary for humans. */
  note: string;
  /** A person who does not exercise (tests: ~0 movement points). */
  still?: boolean;
}

interface Variant {
  name: string;
  game: GameId;
  seated?: boolean;
  still?: boolean;
  full: number;
  partial?: number;
  /** Tempo multiplier on rep durations. */
  tempo?: number;
  /** Body size bias: 'small' | 'large' picks the low/high third of the range. */
  size?: 'small' | 'large';
  noisy?: boolean;
  seed?: number;
  /**
   * How the person starts: waiting for "go" (default), already moving (starts 0.7–1 s into the
   * trace whatever the game says), or in a posture the game must refuse as a rest reference first.
   */
  start?: 'moving' | 'crouched' | 'apart' | 'arms-up';
  /** Something else real people do: bend to the floor or kneel after the set, step back mid-set, stand so close that raised hands leave the frame. */
  extra?: 'bend-floor' | 'kneel' | 'step-back' | 'close';
}

function makePerson(r: Rng, R: Ranges, v: Variant): Person {
  const seated = !!v.seated;
  const [lo, hi] = seated ? R.seatedH : R.H;
  const third = (hi - lo) / 3;
  let H = v.size === 'small' ? uni(r, lo, lo + third) : v.size === 'large' ? uni(r, hi - third, hi) : uni(r, lo, hi);
  const shoulderHalf = uni(r, 0.1, 0.112);
  const torso = uni(r, 0.28, 0.31);
  let footY = seated ? uni(r, 250, 310) + (0.47 + torso) * H : uni(r, 440, 472);
  if (v.extra === 'close') {
    // Head in the frame, hands overhead above it (≈ 1.16 H above the floor).
    footY = seated ? uni(r, 330, 380) + (0.47 + torso) * H : uni(r, 468, 478);
    H = seated ? H : uni(r, 430, 480);
  }
  const cx = W / 2 + uni(r, -60, 60);
  return {
    H,
    cx,
    footY,
    seated,
    shoulderHalf,
    torso,
    yaw: uni(r, R.yaw[0], R.yaw[1]),
    lean: uni(r, R.lean[0], R.lean[1]),
    roll: uni(r, -R.roll, R.roll) * DEG,
    noise: uni(r, R.noise[0], R.noise[1]) * (v.noisy ? 1.6 : 1),
    quality: uni(r, 0.85, 1.05),
  };
}

function shuffle<T>(r: Rng, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/** Rep scripts: full and partial reps shuffled, separated by short rests. */
function repScript(r: Rng, R: Ranges, v: Variant, person: Person): Segment[] {
  const kinds = shuffle(r, [...Array(v.full).fill('full'), ...Array(v.partial ?? 0).fill('partial')] as ('full' | 'partial')[]);
  const segs: Segment[] = [idle(uni(r, 0.2, 0.6))];
  const tempo = v.tempo ?? 1;
  const rest = () => idle(uni(r, R.rest[0], R.rest[1]));
  let sideBendSide = 1;
  for (const kind of kinds) {
    const full = kind === 'full';
    switch (v.game) {
      case 'squats': {
        const Q = full ? uni(r, ...R.squatDepth) : uni(r, ...R.squatPartial);
        segs.push({ dur: uni(r, ...R.squatDur) / tempo, pose: squatMove(Q) });
        break;
      }
      case 'jumping-jacks': {
        // Partial: arms only to about shoulder height, or legs that stay together.
        const armsOnlyHalf = !full && r() < 0.6;
        const arms = (full || !armsOnlyHalf ? uni(r, ...R.jjArms) : uni(r, ...R.jjPartialArms)) * DEG;
        const legs = full || armsOnlyHalf ? uni(r, 0.15, 0.2) : uni(r, 0, 0.03);
        segs.push({ dur: uni(r, ...R.jjDur) / tempo, pose: jackMove(arms, legs) });
        break;
      }
      case 'arm-raises': {
        const top = (full ? uni(r, ...R.raiseFull) : uni(r, ...R.raisePartial)) * DEG;
        const lag = uni(r, -0.04, 0.04);
        const rest0 = restArm(person.seated);
        segs.push({ dur: uni(r, ...R.raiseDur) / tempo, pose: raiseMove(top, lag, rest0) });
        break;
      }
      case 'side-bend': {
        const shallow = !full && r() < 0.5;
        const beta = (shallow ? uni(r, ...R.bendShallow) : uni(r, ...R.bend)) * DEG * sideBendSide;
        const hold = full ? uni(r, ...R.bendHold) : shallow ? uni(r, 4, 6) : uni(r, ...R.bendShort);
        const ramp = uni(r, 0.8, 1.5) / tempo;
        sideBendSide = -sideBendSide;
        const { dur, move } = bendMove(beta, ramp, hold);
        segs.push({ dur, pose: move });
        break;
      }
      default:
        throw new Error(`no rep script for ${v.game}`);
    }
    segs.push(rest());
  }
  if (v.extra === 'bend-floor') {
    // Bend over with nearly straight legs to touch the floor, and come back up: not a squat.
    const depth = uni(r, 80, 95) * DEG;
    segs.push({ dur: uni(r, 2.5, 3.5), pose(p, s) {
      const k = trap(p, 0.35);
      s.pitch = depth * k;
      s.q = 0.15 * k;
    } });
    segs.push(rest());
  }
  if (v.extra === 'kneel') {
    // Down onto the knees, sit back on the heels, and stand up again: not a squat.
    segs.push({ dur: uni(r, 3.5, 5), pose(p, s) {
      s.kneel = trap(p, 0.3);
    } });
    segs.push(rest());
  }
  segs.push(idle(1.2));
  return segs;
}

/** Breathing and postural sway: a still person is never perfectly still. */
function sway(t: number, amp: number, ph: number): V {
  return { x: amp * Math.sin(2 * Math.PI * 0.13 * t + ph), y: 0.4 * amp * Math.sin(2 * Math.PI * 0.27 * t + 2 * ph) };
}

interface Built {
  trace: PoseTrace;
  expected: Expected;
}

function frameClock(r: Rng, R: Ranges) {
  const fps = pick(r, R.fps);
  let i = 0;
  let last = -1;
  return {
    fps,
    next(): number {
      // Jittered capture times; some frames never arrive.
      for (;;) {
        const t = Math.max(last + 1, Math.round((i++ * 1000) / fps + gauss(r) * 2));
        if (r() < R.defects.skip) continue;
        last = t;
        return t;
      }
    },
  };
}

function build(r: Rng, R: Ranges, v: Variant): Built {
  const person = makePerson(r, R, v);
  const clock = frameClock(r, R);
  const defects = { ...R.defects, ...(v.noisy ? { nullBurst: R.defects.nullBurst * 2, flicker: R.defects.flicker * 2 } : {}) };
  const lowLeft = new Int8Array(17);
  const frames: TraceFrame[] = [];
  const swayAmp = uni(r, 0.002, 0.006);
  const swayPh = uni(r, 0, 6.28);
  let nullLeft = 0;
  const H0 = person.H;
  const foot0 = person.footY;
  let span = { from: Infinity, to: Infinity };
  const emit = (t: number, s: Pose): number[] | null => {
    s.sway = sway(t / 1000, swayAmp, swayPh);
    if (v.extra === 'step-back' && v.game === 'reach' && span.from === Infinity) span = { from: t + 6000, to: t + 14000 };
    if (v.extra === 'step-back' && span.from !== Infinity) {
      // Mid-set the person steps back: a quarter smaller, feet higher in the frame.
      const k = smoothstep((t - span.from) / Math.max(1, span.to - span.from));
      person.H = H0 * (1 - 0.25 * k);
      person.footY = foot0 - 40 * k;
    }
    if (nullLeft === 0 && r() < defects.nullBurst) nullLeft = 1 + Math.floor(r() * 4);
    const kp = nullLeft > 0 ? (nullLeft--, null) : render(r, person, s, defects, lowLeft);
    frames.push({ t, kp });
    return kp;
  };
  const trace = (): PoseTrace => ({ format: TRACE_FORMAT, model: 'synthetic-kinematic', width: W, height: HGT, fps: clock.fps, keypoints: [], frames });

  if (v.game === 'reach' && !v.still) return buildReach(r, R, v, person, clock, emit, trace);

  const segs = v.still ? [idle(uni(r, 18, 22))] : repScript(r, R, v, person);
  if (process.env.GEN_DEBUG === v.name) {
    let acc = 0;
    for (const seg of segs) {
      process.stderr.write(`${(acc * 1000).toFixed(0)}-${((acc + seg.dur) * 1000).toFixed(0)} `);
      acc += seg.dur;
    }
    process.stderr.write('\n');
  }
  const total = segs.reduce((a, s) => a + s.dur, 0) * 1000;
  // Closed loop like the app: the person starts once the game has calibrated and says "go"; or
  // already moving, whatever the game says.
  const game = createGame(v.game, { width: W, height: HGT, seed: v.seed ?? 1 });
  let startAt: number | null = v.still ? 0 : null;
  const first = clock.next();
  if (v.start === 'moving') startAt = first + uni(r, 700, 1000);
  // A posture held before the person settles (crouched, feet apart, arms up): the game must not take it as rest.
  const settleAt = v.start && v.start !== 'moving' ? first + uni(r, 1200, 2000) : -Infinity;
  const unsettled = (s: Pose) => {
    if (v.start === 'crouched') s.q = 0.85;
    if (v.start === 'apart') s.spread = 0.16;
    if (v.start === 'arms-up') s.armL = s.armR = { theta: 165 * DEG, fwd: 1 };
  };
  // True bend angle over time, for the expected hold time (same hysteresis as the game, noise-free).
  let holdMs = 0;
  let bent = false;
  let lastT = 0;
  for (let t = first; startAt === null || t - startAt <= total; t = clock.next()) {
    const s = neutral(person);
    if (t < settleAt) unsettled(s);
    if (startAt !== null && span.from === Infinity) span = { from: startAt + 0.3 * total, to: startAt + 0.6 * total };
    if (startAt !== null && t >= startAt) {
      const st = (t - startAt) / 1000;
      let acc = 0;
      for (const seg of segs) {
        if (st < acc + seg.dur) {
          seg.pose((st - acc) / seg.dur, s, person);
          break;
        }
        acc += seg.dur;
      }
    }
    const deg = Math.abs(s.bend) / DEG;
    if (bent) holdMs += t - lastT;
    bent = bent ? deg > BEND_EXIT_DEG : deg >= BEND_ENTER_DEG;
    lastT = t;
    const st = game.update({ t, kp: emit(t, s) });
    if (startAt === null && st.phase === 'playing') startAt = t + uni(r, 300, 900);
    if (t > 120_000) throw new Error(`${v.name}: the game never finished calibrating`);
  }
  const expected: Expected = {
    game: v.game,
    reps: v.still ? 0 : v.full,
    note: `${v.seated ? 'seated' : 'standing'}, H=${person.H.toFixed(0)}px, noise=${person.noise.toFixed(1)}px, ${clock.fps} fps, ${v.full} full + ${v.partial ?? 0} partial`,
  };
  if (v.game === 'side-bend') expected.holdSeconds = Math.round(holdMs / 100) / 10;
  if (v.game === 'reach') {
    expected.hits = 0;
    expected.seed = v.seed ?? 1;
  }
  if (v.still) expected.still = true;
  return { trace: trace(), expected };
}

/**
 * Reach is closed-loop, as for a real player: the person looks at the target the game shows and
 * moves the nearer-side wrist to it; the frames they produce are fed back into the game. A planned
 * partial reach stops well short; then the person waits for the target to expire. The person never
 * retries a target, so a hit the game fails to see shows up as a wrong count.
 */
function buildReach(
  r: Rng,
  R: Ranges,
  v: Variant,
  person: Person,
  clock: ReturnType<typeof frameClock>,
  emit: (t: number, s: Pose) => number[] | null,
  trace: () => PoseTrace,
): Built {
  const seed = v.seed ?? 1;
  const game = createGame('reach', { width: W, height: HGT, seed });
  const plan = shuffle(r, [...Array(v.full).fill(true), ...Array(v.partial ?? 0).fill(false)] as boolean[]);
  const rest = restArm(person.seated);
  let attempt = 0;
  let seenIndex = -1;
  // Current movement: start time, phases (s), goal fraction, side.
  let move: { index: number; t0: number; react: number; go: number; hold: number; back: number; frac: number; side: 1 | -1; goal?: V } | null = null;
  let done = false;
  let endAt = Infinity;
  let state: GameState = game.state;
  for (let t = clock.next(); t < endAt; t = clock.next()) {
    const s = neutral(person);
    const target = state.reach?.target ?? null;
    if (!move && !done && target && state.reach!.targetIndex !== seenIndex) {
      seenIndex = state.reach!.targetIndex;
      if (attempt < plan.length) {
        const tempo = v.tempo ?? 1;
        move = {
          index: seenIndex,
          t0: t,
          react: uni(r, 0.3, 0.6),
          go: uni(r, ...R.reachMove) / tempo,
          hold: uni(r, 0.25, 0.4),
          back: uni(r, 0.4, 0.7) / tempo,
          frac: plan[attempt] ? 1 : 0.4,
          side: reachTargetAt(seed, seenIndex).side === 'left' ? 1 : -1,
        };
        attempt++;
      } else {
        done = true;
        endAt = t + 1500;
      }
    }
    if (move) {
      const el = (t - move.t0) / 1000;
      const { react, go, hold, back } = move;
      let k: number;
      if (el < react) k = 0;
      else if (el < react + go) k = minJerk((el - react) / go);
      else if (el < react + go + hold) k = 1;
      else if (el < react + go + hold + back) k = 1 - minJerk((el - react - go - hold) / back);
      else {
        k = 0;
        move = null;
      }
      if (k > 0 && move) {
        // Wrist goal in the body frame, relative to the shoulder, from the target as displayed now
        // (or as last displayed once the game has moved on after a hit).
        const shoulderIdx = move.side === 1 ? KP.left_shoulder : KP.right_shoulder;
        const sh = skeleton(person, s)[shoulderIdx];
        if (target && state.reach!.targetIndex === move.index) move.goal = fromImage(person, { x: target.x, y: target.y });
        const goalAbs = move.goal;
        if (goalAbs) {
          const arm = reachArm(rest, move.side, { x: goalAbs.x - sh.x, y: goalAbs.y - sh.y }, k * move.frac);
          if (move.side === 1) s.armL = arm;
          else s.armR = arm;
        }
      }
    }
    const kp = emit(t, s);
    state = game.update({ t, kp });
  }
  const hits = plan.filter(Boolean).length;
  return {
    trace: trace(),
    expected: {
      game: 'reach',
      reps: hits,
      hits,
      seed,
      note: `${person.seated ? 'seated' : 'standing'}, H=${person.H.toFixed(0)}px, noise=${person.noise.toFixed(1)}px, ${clock.fps} fps, ${v.full} reached + ${v.partial ?? 0} stopped short`,
    },
  };
}

// ---------- the two sets ----------
const SYNTHETIC_VARIANTS: Variant[] = [
  { name: 'squats-slow-large', game: 'squats', full: 6, tempo: 0.8, size: 'large' },
  { name: 'squats-fast-small', game: 'squats', full: 12, tempo: 1.4, size: 'small' },
  { name: 'squats-partial', game: 'squats', full: 6, partial: 5 },
  { name: 'squats-noisy', game: 'squats', full: 8, partial: 2, noisy: true },
  { name: 'squats-standing-still', game: 'squats', full: 0, still: true },
  { name: 'jumping-jacks-normal', game: 'jumping-jacks', full: 14 },
  { name: 'jumping-jacks-fast-small', game: 'jumping-jacks', full: 16, tempo: 1.3, size: 'small' },
  { name: 'jumping-jacks-partial', game: 'jumping-jacks', full: 8, partial: 6 },
  { name: 'jumping-jacks-noisy', game: 'jumping-jacks', full: 12, partial: 3, noisy: true, size: 'large' },
  { name: 'arm-raises-standing', game: 'arm-raises', full: 8 },
  { name: 'arm-raises-seated', game: 'arm-raises', seated: true, full: 8, size: 'large' },
  { name: 'arm-raises-seated-partial', game: 'arm-raises', seated: true, full: 6, partial: 5 },
  { name: 'arm-raises-fast-noisy', game: 'arm-raises', full: 8, partial: 2, tempo: 1.4, noisy: true },
  { name: 'arm-raises-seated-still', game: 'arm-raises', seated: true, full: 0, still: true },
  { name: 'reach-standing', game: 'reach', full: 8, seed: 7 },
  { name: 'reach-seated', game: 'reach', seated: true, full: 10, seed: 42 },
  { name: 'reach-seated-partial', game: 'reach', seated: true, full: 8, partial: 3, seed: 3 },
  { name: 'reach-seated-still', game: 'reach', seated: true, full: 0, still: true, seed: 5 },
  { name: 'side-bend-standing', game: 'side-bend', full: 4 },
  { name: 'side-bend-seated', game: 'side-bend', seated: true, full: 4, size: 'small' },
  { name: 'side-bend-partial', game: 'side-bend', seated: true, full: 2, partial: 3 },
  { name: 'side-bend-seated-still', game: 'side-bend', seated: true, full: 0, still: true },
  { name: 'squats-moving', game: 'squats', full: 8, start: 'moving' },
  { name: 'squats-crouched-start', game: 'squats', full: 6, partial: 1, start: 'crouched' },
  { name: 'squats-bend-floor', game: 'squats', full: 5, extra: 'bend-floor' },
  { name: 'squats-kneel', game: 'squats', full: 5, extra: 'kneel' },
  { name: 'squats-step-back', game: 'squats', full: 8, extra: 'step-back', tempo: 1.3 },
  { name: 'jumping-jacks-moving', game: 'jumping-jacks', full: 14, start: 'moving', tempo: 1.2 },
  { name: 'jumping-jacks-apart-start', game: 'jumping-jacks', full: 10, start: 'apart' },
  { name: 'jumping-jacks-close', game: 'jumping-jacks', full: 12, extra: 'close' },
  { name: 'arm-raises-moving', game: 'arm-raises', full: 10, start: 'moving', tempo: 1.5 },
  { name: 'arm-raises-arms-up-start', game: 'arm-raises', full: 8, start: 'arms-up' },
  { name: 'arm-raises-close', game: 'arm-raises', full: 8, partial: 2, extra: 'close' },
  { name: 'arm-raises-seated-moving', game: 'arm-raises', seated: true, full: 8, start: 'moving', noisy: true },
  { name: 'side-bend-moving', game: 'side-bend', full: 4, start: 'moving' },
  { name: 'reach-step-back', game: 'reach', full: 10, extra: 'step-back', seed: 11 },
  { name: 'arm-raises-close-fast', game: 'arm-raises', full: 10, partial: 2, extra: 'close', tempo: 1.4, noisy: true },
  { name: 'arm-raises-seated-close', game: 'arm-raises', seated: true, full: 8, partial: 2, extra: 'close', noisy: true },
  { name: 'jumping-jacks-close-fast', game: 'jumping-jacks', full: 12, extra: 'close', tempo: 1.3, noisy: true },
];

const HELDOUT_VARIANTS: Variant[] = [
  { name: 'ho-squats-a', game: 'squats', full: 9, partial: 3, tempo: 1.1 },
  { name: 'ho-squats-b', game: 'squats', full: 7, partial: 2, tempo: 0.7, noisy: true, size: 'small' },
  { name: 'ho-squats-still', game: 'squats', full: 0, still: true, size: 'large' },
  { name: 'ho-jumping-jacks-a', game: 'jumping-jacks', full: 12, partial: 4 },
  { name: 'ho-jumping-jacks-b', game: 'jumping-jacks', full: 12, partial: 2, tempo: 1.2, noisy: true },
  { name: 'ho-arm-raises-a', game: 'arm-raises', full: 9, partial: 3, size: 'small' },
  { name: 'ho-arm-raises-seated', game: 'arm-raises', seated: true, full: 8, partial: 3, tempo: 1.2, noisy: true },
  { name: 'ho-reach-a', game: 'reach', full: 10, partial: 2, seed: 1234 },
  { name: 'ho-reach-seated', game: 'reach', seated: true, full: 10, partial: 2, tempo: 1.2, seed: 99, noisy: true },
  { name: 'ho-side-bend-a', game: 'side-bend', full: 3, partial: 2 },
  { name: 'ho-side-bend-seated', game: 'side-bend', seated: true, full: 3, partial: 2, noisy: true },
  { name: 'ho-seated-still', game: 'arm-raises', seated: true, full: 0, still: true, noisy: true },
  { name: 'ho-squats-moving', game: 'squats', full: 10, partial: 2, start: 'moving', tempo: 1.3 },
  { name: 'ho-squats-crouched', game: 'squats', full: 7, start: 'crouched', noisy: true },
  { name: 'ho-squats-floor', game: 'squats', full: 6, partial: 1, extra: 'bend-floor', size: 'large' },
  { name: 'ho-squats-kneel', game: 'squats', full: 4, extra: 'kneel', tempo: 0.8 },
  { name: 'ho-squats-step-back', game: 'squats', full: 9, extra: 'step-back', size: 'small' },
  { name: 'ho-jumping-jacks-moving', game: 'jumping-jacks', full: 15, partial: 2, start: 'moving', tempo: 1.3 },
  { name: 'ho-jumping-jacks-apart', game: 'jumping-jacks', full: 10, start: 'apart', noisy: true },
  { name: 'ho-jumping-jacks-close', game: 'jumping-jacks', full: 12, partial: 2, extra: 'close', tempo: 1.2 },
  { name: 'ho-jumping-jacks-step-back', game: 'jumping-jacks', full: 14, extra: 'step-back' },
  { name: 'ho-arm-raises-moving', game: 'arm-raises', full: 10, partial: 2, start: 'moving', tempo: 1.6 },
  { name: 'ho-arm-raises-up-start', game: 'arm-raises', full: 8, start: 'arms-up', noisy: true },
  { name: 'ho-arm-raises-close', game: 'arm-raises', full: 9, extra: 'close', tempo: 1.3 },
  { name: 'ho-arm-raises-seated-close', game: 'arm-raises', seated: true, full: 8, partial: 2, extra: 'close' },
  { name: 'ho-side-bend-moving', game: 'side-bend', seated: true, full: 4, partial: 1, start: 'moving' },
  { name: 'ho-reach-step-back', game: 'reach', full: 8, partial: 2, extra: 'step-back', seed: 77 },
];

function writeSet(dir: string, seed: number, R: Ranges, variants: Variant[]): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const expected: Record<string, Expected> = {};
  variants.forEach((v, i) => {
    const r = mulberry32(seed * 1000 + i);
    const { trace, expected: e } = build(r, R, v);
    const file = `${v.name}.json`;
    writeFileSync(join(dir, file), serializeTrace(trace));
    expected[file] = e;
  });
  writeFileSync(join(dir, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const setArg = process.argv.includes('--set') ? process.argv[process.argv.indexOf('--set') + 1] : 'all';
  if (setArg === 'synthetic' || setArg === 'all') writeSet('test/traces/synthetic', 2026, SYNTHETIC, SYNTHETIC_VARIANTS);
  if (setArg === 'heldout' || setArg === 'all') writeSet('test/traces/heldout', 7331, HELDOUT, HELDOUT_VARIANTS);
}
