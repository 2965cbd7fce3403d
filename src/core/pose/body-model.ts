/**
 * A kinematic front-view body model: a 2D skeleton in units of body height H (y up, origin between
 * the feet), posed by a few joint parameters (squat depth, leg spread, hop, lateral bend, per-arm
 * angle or wrist goal) and projected into an image with the person's size, position, a slight body
 * turn and camera roll. The synthetic traces (scripts/gen-traces.ts) and the games' demo figures
 * (core/games/demo.ts) are both drawn from it, so a demo shows the same movement the games were tuned on.
 */
import { KP } from './keypoints';

export const DEG = Math.PI / 180;

/** The image the model projects into unless told otherwise (the synthetic traces' frame). */
export const MODEL_FRAME = { width: 640, height: 480 } as const;

export interface Arm {
  /** Angle from hanging down in the frontal plane (rad) and projected length factor (arm toward camera). */
  theta: number;
  fwd: number;
  /** Or: wrist goal relative to the shoulder, body frame (H units, y up); overrides theta. */
  wrist?: { x: number; y: number };
}
export interface Pose {
  q: number; // squat depth 0..1
  spread: number; // extra ankle half-spread (H)
  hop: number; // vertical lift (H)
  bend: number; // lateral bend (rad, + toward the person's left = image right)
  pitch: number; // forward bend of the torso at the hips (rad): 90° puts the shoulders at hip height
  kneel: number; // 0..1: knees down to the floor, sitting back on the heels
  armL: Arm;
  armR: Arm;
  sway: { x: number; y: number }; // H units
}
export interface Person {
  H: number; // body height in px
  cx: number; // image x of the body centre
  footY: number; // image y of the floor (may be below the frame when seated)
  seated: boolean;
  shoulderHalf: number; // H units
  torso: number; // hip-shoulder (H)
  yaw: number; // cos of body turn: shrinks x offsets
  lean: number; // how much a full squat foreshortens the torso on screen (forward lean), 0..1
  roll: number; // camera roll (rad)
  noise: number; // px sd
  quality: number; // score multiplier
}
export const UPPER = 0.17;
export const FORE = 0.16;
export const ARM = UPPER + FORE;

export function restArm(seated: boolean): Arm {
  return { theta: 10 * DEG, fwd: seated ? 0.6 : 1 };
}

export function neutral(p: Person): Pose {
  return { q: 0, spread: 0, hop: 0, bend: 0, pitch: 0, kneel: 0, armL: restArm(p.seated), armR: restArm(p.seated), sway: { x: 0, y: 0 } };
}

export function standingPerson(over: Partial<Person> = {}): Person {
  return { H: 320, cx: 320, footY: 460, seated: false, shoulderHalf: 0.105, torso: 0.29, yaw: 1, lean: 0.3, roll: 0, noise: 0, quality: 1, ...over };
}

export type V = { x: number; y: number };
export const add = (a: V, b: V): V => ({ x: a.x + b.x, y: a.y + b.y });
export const scale = (a: V, k: number): V => ({ x: a.x * k, y: a.y * k });
/** Rotation mapping "up" (0,1) to (sin b, cos b): a lateral bend toward +x. */
const rot = (v: V, b: number): V => ({ x: v.x * Math.cos(b) + v.y * Math.sin(b), y: -v.x * Math.sin(b) + v.y * Math.cos(b) });

export function armVector(a: Arm, side: 1 | -1): V {
  if (a.wrist) {
    const d = Math.hypot(a.wrist.x, a.wrist.y);
    return d > ARM ? scale(a.wrist, ARM / d) : a.wrist;
  }
  return { x: side * ARM * a.fwd * Math.sin(a.theta), y: -ARM * a.fwd * Math.cos(a.theta) };
}

/** Elbow by two-link IK, bent outward. */
function elbow(sh: V, v: V, side: 1 | -1): V {
  const d = Math.max(1e-6, Math.hypot(v.x, v.y));
  const c = Math.min(1, Math.max(-1, (UPPER * UPPER + d * d - FORE * FORE) / (2 * UPPER * d)));
  const al = Math.acos(c);
  const u = scale(v, 1 / d);
  const cands = [al, -al].map((a) => add(sh, scale({ x: u.x * Math.cos(a) - u.y * Math.sin(a), y: u.x * Math.sin(a) + u.y * Math.cos(a) }, UPPER)));
  return side * cands[0].x > side * cands[1].x ? cands[0] : cands[1];
}

/** True keypoints in the body frame (H units, y up), MoveNet order. */
export function skeleton(p: Person, s: Pose): V[] {
  const pts: V[] = new Array(17);
  const hipH = (p.seated ? 0.47 : 0.53) - 0.2 * s.q + s.hop - 0.38 * s.kneel;
  const hip = { x: s.sway.x, y: hipH + s.sway.y };
  const a = 0.08 + s.spread;
  pts[KP.left_hip] = add(hip, { x: 0.085, y: 0 });
  pts[KP.right_hip] = add(hip, { x: -0.085, y: 0 });
  if (p.seated) {
    pts[KP.left_knee] = add(hip, { x: 0.11, y: -0.03 });
    pts[KP.right_knee] = add(hip, { x: -0.11, y: -0.03 });
    pts[KP.left_ankle] = add(hip, { x: 0.1, y: -0.3 });
    pts[KP.right_ankle] = add(hip, { x: -0.1, y: -0.3 });
  } else {
    const k = 0.085 + 0.04 * s.q + 0.5 * s.spread;
    const kneeY = 0.285 - 0.03 * s.q + s.hop - 0.235 * s.kneel;
    pts[KP.left_knee] = { x: k + 0.3 * s.sway.x, y: kneeY };
    pts[KP.right_knee] = { x: -k + 0.3 * s.sway.x, y: kneeY };
    pts[KP.left_ankle] = { x: a, y: 0.04 + s.hop };
    pts[KP.right_ankle] = { x: -a, y: 0.04 + s.hop };
  }
  // Leaning forward in a squat, or bending over, foreshortens the torso.
  const sm = add(hip, rot({ x: 0, y: p.torso * (1 - p.lean * s.q) * Math.cos(s.pitch) }, s.bend));
  // Bent over, the head hangs at or below the shoulders.
  const up = (v: V) => add(sm, rot({ x: v.x, y: v.y * Math.cos(s.pitch) - (v.y > 0 ? 0.12 * Math.sin(s.pitch) : 0) }, s.bend));
  pts[KP.left_shoulder] = up({ x: p.shoulderHalf, y: 0 });
  pts[KP.right_shoulder] = up({ x: -p.shoulderHalf, y: 0 });
  pts[KP.nose] = up({ x: 0, y: 0.11 });
  pts[KP.left_eye] = up({ x: 0.03, y: 0.125 });
  pts[KP.right_eye] = up({ x: -0.03, y: 0.125 });
  pts[KP.left_ear] = up({ x: 0.065, y: 0.115 });
  pts[KP.right_ear] = up({ x: -0.065, y: 0.115 });
  for (const side of [1, -1] as const) {
    const sh = pts[side === 1 ? KP.left_shoulder : KP.right_shoulder];
    const arm = side === 1 ? s.armL : s.armR;
    // Angle-driven arms move with the torso; wrist goals are already in the body frame.
    const v = arm.wrist ? armVector(arm, side) : rot(armVector(arm, side), s.bend);
    pts[side === 1 ? KP.left_wrist : KP.right_wrist] = add(sh, v);
    pts[side === 1 ? KP.left_elbow : KP.right_elbow] = elbow(sh, v, side);
  }
  return pts;
}

/** Body frame → image pixels (camera roll turns the picture about the frame centre). */
export function toImage(p: Person, v: V, frame: { width: number; height: number } = MODEL_FRAME): V {
  const x = p.cx + v.x * p.H * p.yaw;
  const y = p.footY - v.y * p.H;
  const c = Math.cos(p.roll);
  const sn = Math.sin(p.roll);
  const dx = x - frame.width / 2;
  const dy = y - frame.height / 2;
  return { x: frame.width / 2 + dx * c - dy * sn, y: frame.height / 2 + dx * sn + dy * c };
}

/** Image pixels → body frame (the inverse of toImage). */
export function fromImage(p: Person, v: V, frame: { width: number; height: number } = MODEL_FRAME): V {
  const c = Math.cos(-p.roll);
  const sn = Math.sin(-p.roll);
  const dx = v.x - frame.width / 2;
  const dy = v.y - frame.height / 2;
  const x = frame.width / 2 + dx * c - dy * sn;
  const y = frame.height / 2 + dx * sn + dy * c;
  return { x: (x - p.cx) / (p.H * p.yaw), y: (p.footY - y) / p.H };
}

/** One noise-free pose as a pose vector (seated legs, under the desk, get a low score). */
export function poseVector(person: Person, pose: Pose): number[] {
  const kp: number[] = [];
  skeleton(person, pose).forEach((v, i) => {
    const p = toImage(person, v);
    kp.push(p.x, p.y, person.seated && i >= KP.left_knee ? 0.1 : 0.9);
  });
  return kp;
}

// Motion profiles.
export const smoothstep = (x: number): number => (x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x));
/** 0 → 1 (ramp) → hold → 0 (ramp), p in [0,1]. */
export const trap = (p: number, ramp: number): number => (p < ramp ? smoothstep(p / ramp) : p > 1 - ramp ? smoothstep((1 - p) / ramp) : 1);
/** Min-jerk position profile 0..1. */
export const minJerk = (x: number): number => (x <= 0 ? 0 : x >= 1 ? 1 : x * x * x * (10 - 15 * x + 6 * x * x));
