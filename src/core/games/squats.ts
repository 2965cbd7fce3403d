import { clamp01, median, meanPt, type Body } from './body';
import { RepCounter, counterRules, smoothedFeature, type Rules } from './engine';
import type { GameMeta } from './types';

export const squatsMeta: GameMeta = {
  id: 'squats',
  seatedFriendly: false,
  requiredKeypoints: ['left_shoulder', 'right_shoulder', 'left_hip', 'right_hip', 'left_knee', 'right_knee'],
  nameKey: 'game.squats.name',
  instructionsKey: 'game.squats.instructions',
  reports: [],
};

/** Depth = 1 - r/r0 with r = (knee y - hip y) / torso: 0 standing, ~0.6 at a parallel squat. */
const ENTER = 0.4;
const EXIT = 0.15;
const MIN_REP_MS = 700;

/**
 * Seen from the front the knee angle hardly changes (the thigh foreshortens), but the hips drop
 * toward the knees. Dividing the hip-knee gap by the torso length makes it independent of body size
 * and distance; dividing by the standing value r0 (learned at calibration) removes proportions.
 */
function ratio(b: Body): number | null {
  const hip = b.hips;
  const knee = meanPt(b.lk, b.rk);
  if (!hip || !knee || !b.torso) return null;
  return (knee.y - hip.y) / b.torso;
}

export function squatsRules(): Rules {
  const counter = new RepCounter(MIN_REP_MS);
  const r = smoothedFeature(70);
  let r0 = 1;
  let depth = 0;
  return counterRules(counter, {
    playKeypoints: ['left_shoulder', 'right_shoulder', 'left_hip', 'right_hip', 'left_knee', 'right_knee'],
    calibrate(bodies) {
      r0 = median(bodies.map((b) => ratio(b) ?? NaN));
    },
    step(body, t, dt) {
      const raw = body && ratio(body);
      if (raw === null || raw === undefined) return counter.missing(t);
      const v = r.push(raw, dt);
      depth = 1 - v / r0;
      if (counter.stage === 'rest' && depth < EXIT) {
        // Slow drift of the standing posture (camera nudged, person shifts): follow it over ~10 s,
        // faster upward so a calibration taken half-crouched corrects itself.
        const tau = v > r0 ? 1500 : 10_000;
        r0 += (1 - Math.exp(-dt / tau)) * (v - r0);
      }
      counter.update(t, depth >= ENTER, depth <= EXIT);
    },
    progress: () => clamp01(depth / ENTER),
  });
}
