/**
 * Discrete Laplace noise with integer-only sampling from the OS CSPRNG (node:crypto randomInt):
 * Canonne, Kamath & Steinke 2020, "The Discrete Gaussian for Differential Privacy", Algorithms 1-2.
 * No floating point and no Math.random, so none of the inverse-CDF flaws of Mironov 2012.
 */
import { randomInt } from 'node:crypto';
import { METRICS, type Metric } from '../../src/core/aggregates';

export type RandomInt = (maxExclusive: number) => number;
const csprng: RandomInt = (max) => randomInt(max);

/** Bernoulli(num/den), 0 ≤ num ≤ den. */
function bernoulli(num: number, den: number, rand: RandomInt): boolean {
  return rand(den) < num;
}

/** Bernoulli(exp(-num/den)) for 0 ≤ num/den ≤ 1. */
function bernoulliExpSmall(num: number, den: number, rand: RandomInt): boolean {
  let k = 1;
  while (bernoulli(num, den * k, rand)) k += 1;
  return k % 2 === 1;
}

/** Bernoulli(exp(-num/den)) for num/den ≥ 0. */
function bernoulliExp(num: number, den: number, rand: RandomInt): boolean {
  let rest = num;
  while (rest > den) {
    if (!bernoulliExpSmall(1, 1, rand)) return false;
    rest -= den;
  }
  return bernoulliExpSmall(rest, den, rand);
}

/** An integer Y with P(Y = y) ∝ exp(-|y| / scale); `scale` a positive integer. */
export function discreteLaplace(scale: number, rand: RandomInt = csprng): number {
  if (!Number.isSafeInteger(scale) || scale < 1 || scale > 1_000_000) throw new RangeError('scale must be an integer from 1 to 1e6');
  for (;;) {
    const u = rand(scale);
    if (!bernoulliExp(u, scale, rand)) continue;
    let v = 0;
    while (bernoulliExp(1, 1, rand)) v += 1;
    const magnitude = u + scale * v; // s = 1: Y = floor(X / 1)
    const negative = bernoulli(1, 2, rand);
    if (negative && magnitude === 0) continue;
    return negative ? -magnitude : magnitude;
  }
}

/** Discrete Laplace scale per metric; 0 = no noise on that metric. */
export type NoiseScales = Record<Metric, number>;

/**
 * On by default. One person changes a (team, day) sum by at most the metric's clip bound
 * (UPLOAD_LIMITS max), so the noise of one day total costs ε = max / scale per metric at the
 * bound, and ε = value / scale for a person whose value is `value`: 120 / 12 = 10 at the bound,
 * about 1 for a typical 10-minute day (docs/aggregates.md, "Noise budget"). Every published figure
 * is derived from these per-day noisy totals (weeks are their sums, comparisons pool them), so
 * nothing else spends budget; the noise is stored, so repeated views cost nothing more.
 */
export const DEFAULT_NOISE_SCALES: NoiseScales = { activeMinutes: 12, reps: 200, movementPoints: 2000 };
export const NO_NOISE: NoiseScales = { activeMinutes: 0, reps: 0, movementPoints: 0 };

export function noiseOn(scales: NoiseScales): boolean {
  return METRICS.some((m) => scales[m] > 0);
}

/**
 * AGGREGATE_NOISE_SCALE: unset or "default" → DEFAULT_NOISE_SCALES; "0" or "off" → no noise;
 * "activeMinutes=12,reps=200,movementPoints=2000" → those scales (integers 0–1e6; omitted
 * metrics keep their default). Returns null when malformed.
 */
export function parseNoiseScales(raw: string | undefined): NoiseScales | null {
  if (raw === undefined || raw.trim() === '' || raw.trim() === 'default') return { ...DEFAULT_NOISE_SCALES };
  if (raw.trim() === '0' || raw.trim() === 'off') return { ...NO_NOISE };
  const out = { ...DEFAULT_NOISE_SCALES };
  for (const part of raw.split(',')) {
    const match = /^\s*(activeMinutes|reps|movementPoints)\s*=\s*(\d{1,7})\s*$/.exec(part);
    if (!match || Number(match[2]) > 1_000_000) return null;
    out[match[1] as Metric] = Number(match[2]);
  }
  return out;
}
