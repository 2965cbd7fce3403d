/**
 * Discrete Laplace noise with integer-only sampling from the OS CSPRNG (node:crypto randomInt):
 * Canonne, Kamath & Steinke 2020, "The Discrete Gaussian for Differential Privacy", Algorithms 1-2.
 * No floating point and no Math.random, so none of the inverse-CDF flaws of Mironov 2012.
 */
import { randomInt } from 'node:crypto';

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
