/**
 * Each game's movement on the body model (core/pose/body-model): the rep scripts of the synthetic
 * traces use these moves, and the demo figure loops one rep of each, so the figure shows a movement
 * the game counts (test/unit/games-demo.test.ts feeds the demo through the game's own run).
 */
import { add, armVector, DEG, fromImage, minJerk, neutral, poseVector, restArm, scale, skeleton, smoothstep, standingPerson, trap, type Arm, type Person, type Pose, type V } from '../pose/body-model';
import { KP } from '../pose/keypoints';
import { bodyUnit, readBody } from '../pose/body';
import { REACH_RADIUS, reachTargetAt, targetPixel } from './reach';
import { HOLD_TARGET_MS } from './side-bend';
import type { GameId } from './types';

/** How a move poses the body at phase p in [0,1] of its duration. */
export type Move = (p: number, s: Pose) => void;

/** One squat to depth q (0..1), arms forward for balance (foreshortened). */
export const squatMove = (depth: number): Move => (p, s) => {
  s.q = depth * trap(p, 0.4);
  const phi = 1.3 * s.q;
  s.armL = { theta: 8 * DEG, fwd: Math.cos(phi) };
  s.armR = { theta: 8 * DEG, fwd: Math.cos(phi) };
};

/** One jumping jack: arms up to `arms` (rad from hanging), feet apart by `legs` (H), a small hop. */
export const jackMove = (arms: number, legs: number): Move => (p, s) => {
  const o = trap(p, 0.42);
  s.armL = { theta: 10 * DEG + (arms - 10 * DEG) * o, fwd: 1 };
  s.armR = { theta: 10 * DEG + (arms - 10 * DEG) * o, fwd: 1 };
  s.spread = legs * o;
  s.hop = 0.025 * Math.abs(Math.sin(2 * Math.PI * p));
};

/** One raise of both arms to `top` (rad) from the rest arm; `lag` delays the right arm (share of the rep). */
export const raiseMove = (top: number, lag: number, rest: Arm): Move => (p, s) => {
  const f = (x: number) => trap(Math.min(1, Math.max(0, x)), 0.38);
  const arm = (k: number): Arm => ({ theta: rest.theta + (top - rest.theta) * k, fwd: rest.fwd + (1 - rest.fwd) * Math.min(1, 2 * k) });
  s.armL = arm(f(p));
  s.armR = arm(f(p + lag));
};

/**
 * One side bend of `beta` rad (+ toward the person's left) over ramp + hold + ramp seconds, the arm
 * on the far side going overhead. Returns the move and its duration.
 */
export function bendMove(beta: number, ramp: number, hold: number): { dur: number; move: Move } {
  const dur = 2 * ramp + hold;
  return {
    dur,
    move(p, s) {
      const tt = p * dur;
      const k = tt < ramp ? smoothstep(tt / ramp) : tt > ramp + hold ? smoothstep((dur - tt) / ramp) : 1;
      s.bend = beta * k;
      const arm: Arm = { theta: 10 * DEG + 150 * DEG * k, fwd: 1 };
      if (beta > 0) s.armR = arm;
      else s.armL = arm;
    },
  };
}

/** A wrist goal (body frame, relative to the shoulder) reached k of the way from the rest arm. */
export function reachArm(rest: Arm, side: 1 | -1, goal: V, k: number): Arm {
  const from = armVector(rest, side);
  return { ...rest, wrist: add(from, scale({ x: goal.x - from.x, y: goal.y - from.y }, k)) };
}

// ---------- the demo figure ----------

/** The demo person: standing, centred in the model frame, facing the camera. */
export const DEMO_PERSON: Person = standingPerson();
/** The seed whose target sequence the reach demo reaches for. */
export const DEMO_SEED = 1;

export interface Demo {
  /** ms of one loop of the animation. */
  periodMs: number;
  /** Reps (targets, holds) in one loop. */
  repsPerLoop: number;
  /** ms into the loop of the key pose (shown still under reduced motion). */
  keyMs: number;
}

/** Each rep is preceded by a short rest, as a person pauses between reps. */
const REST_S = 0.6;
const REACH = { react: 0.2, go: 0.7, hold: 0.5, back: 0.6 };
const BEND = { ramp: 1, hold: HOLD_TARGET_MS / 1000 + 0.6, angle: 28 * DEG };

export const DEMOS: Readonly<Record<GameId, Demo>> = {
  squats: { periodMs: (REST_S + 2.4) * 1000, repsPerLoop: 1, keyMs: (REST_S + 1.2) * 1000 },
  'jumping-jacks': { periodMs: (REST_S + 1.1) * 1000, repsPerLoop: 1, keyMs: (REST_S + 0.55) * 1000 },
  'arm-raises': { periodMs: (REST_S + 2.2) * 1000, repsPerLoop: 1, keyMs: (REST_S + 1.1) * 1000 },
  // Two targets, one per side (the game alternates sides).
  reach: { periodMs: 2 * (REST_S + REACH.react + REACH.go + REACH.hold + REACH.back) * 1000, repsPerLoop: 2, keyMs: (REST_S + REACH.react + REACH.go + 0.2) * 1000 },
  // Both sides, each held past the hold that counts.
  'side-bend': { periodMs: 2 * (REST_S + 2 * BEND.ramp + BEND.hold) * 1000, repsPerLoop: 2, keyMs: (REST_S + BEND.ramp + 1) * 1000 },
};

export interface DemoFrame {
  /** Keypoints in the model frame (MODEL_FRAME pixels), as the camera would see the demo person. */
  kp: number[];
  /** The reach target being reached for (model frame pixels), null otherwise. */
  target: { x: number; y: number; radius: number } | null;
}

/** The shoulders and body unit of the demo person at rest, as the reach game measures them. */
function restShoulders() {
  const body = readBody(poseVector(DEMO_PERSON, neutral(DEMO_PERSON)));
  return { ls: body.ls!, rs: body.rs!, unit: bodyUnit(body)! };
}

/** Demo pose at `ms` into the animation (it loops); `loop` counts loops, so reach moves on to new targets. */
export function demoFrame(game: GameId, ms: number): DemoFrame {
  const demo = DEMOS[game];
  const loop = Math.floor(ms / demo.periodMs);
  const inLoop = ms - loop * demo.periodMs;
  const s = neutral(DEMO_PERSON);
  let target: DemoFrame['target'] = null;
  const rep = (seconds: number) => Math.max(0, inLoop / 1000 - REST_S) / seconds;
  switch (game) {
    case 'squats':
      squatMove(0.95)(Math.min(1, rep(2.4)), s);
      break;
    case 'jumping-jacks':
      jackMove(165 * DEG, 0.17)(Math.min(1, rep(1.1)), s);
      break;
    case 'arm-raises':
      raiseMove(165 * DEG, 0, restArm(false))(Math.min(1, rep(2.2)), s);
      break;
    case 'reach': {
      const half = demo.periodMs / 2;
      const index = 2 * loop + (inLoop >= half ? 1 : 0);
      const el = (inLoop % half) / 1000 - REST_S;
      const { react, go, hold, back } = REACH;
      const k = el < react ? 0 : el < react + go ? minJerk((el - react) / go) : el < react + go + hold ? 1 : 1 - minJerk((el - react - go - hold) / back);
      const spec = reachTargetAt(DEMO_SEED, index);
      const { ls, rs, unit } = restShoulders();
      const px = targetPixel(spec, ls, rs, unit);
      if (el >= 0) target = { ...px, radius: REACH_RADIUS * unit };
      if (k > 0) {
        const side = spec.side === 'left' ? 1 : -1;
        const sh = skeleton(DEMO_PERSON, s)[side === 1 ? KP.left_shoulder : KP.right_shoulder];
        const goalAbs = fromImage(DEMO_PERSON, px);
        const arm = reachArm(restArm(false), side, { x: goalAbs.x - sh.x, y: goalAbs.y - sh.y }, k);
        if (side === 1) s.armL = arm;
        else s.armR = arm;
      }
      break;
    }
    case 'side-bend': {
      const half = demo.periodMs / 2;
      const beta = inLoop < half ? BEND.angle : -BEND.angle;
      const { dur, move } = bendMove(beta, BEND.ramp, BEND.hold);
      const el = (inLoop % half) / 1000 - REST_S;
      if (el > 0) move(Math.min(1, el / dur), s);
      break;
    }
  }
  return { kp: poseVector(DEMO_PERSON, s), target };
}

/** Head radius of the drawn figure, model frame pixels (the keypoints have no head outline). */
export const DEMO_HEAD_R = 0.07 * DEMO_PERSON.H;

/** The part of the model frame every demo moves in (for the drawing's viewBox), centred on the person. */
export const DEMO_VIEW = (() => {
  let half = 0;
  let top = Infinity;
  let bottom = -Infinity;
  for (const game of Object.keys(DEMOS) as GameId[]) {
    for (let ms = 0; ms < DEMOS[game].periodMs; ms += 50) {
      const { kp, target } = demoFrame(game, ms);
      for (let i = 0; i < kp.length; i += 3) {
        const r = i === KP.nose * 3 ? DEMO_HEAD_R * 1.2 : 8;
        half = Math.max(half, Math.abs(kp[i] - DEMO_PERSON.cx) + r);
        top = Math.min(top, kp[i + 1] - r);
        bottom = Math.max(bottom, kp[i + 1] + r);
      }
      if (target) {
        half = Math.max(half, Math.abs(target.x - DEMO_PERSON.cx) + target.radius + 4);
        top = Math.min(top, target.y - target.radius - 4);
      }
    }
  }
  return { x: DEMO_PERSON.cx - half, y: top, width: 2 * half, height: bottom - top };
})();
