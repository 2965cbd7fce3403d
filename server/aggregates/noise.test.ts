import { afterEach, describe, expect, it, vi } from 'vitest';
import { discreteLaplace } from './noise';

describe('discrete Laplace noise', () => {
  afterEach(() => vi.restoreAllMocks());

  it('never uses Math.random', () => {
    const spy = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    for (let i = 0; i < 200; i++) expect(Number.isSafeInteger(discreteLaplace(5))).toBe(true);
    expect(spy).not.toHaveBeenCalled();
  });

  it('has mean 0 and the discrete Laplace variance 2e^(-1/b)/(1-e^(-1/b))^2', () => {
    const b = 4;
    const n = 20_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const x = discreteLaplace(b);
      sum += x;
      squares += x * x;
    }
    const q = Math.exp(-1 / b);
    const variance = (2 * q) / (1 - q) ** 2; // ≈ 31.5 for b = 4
    const mean = sum / n;
    // 6 standard errors: a false alarm about once in 10^8 runs.
    expect(Math.abs(mean)).toBeLessThan(6 * Math.sqrt(variance / n));
    expect(Math.abs(squares / n - variance) / variance).toBeLessThan(0.1);
  });

  it('follows the exact distribution with a scripted random source', () => {
    // P(0) = (1-q)/(1+q) with q = e^(-1/b); with b = 1, ≈ 0.462.
    let zeros = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) if (discreteLaplace(1) === 0) zeros += 1;
    const q = Math.exp(-1);
    const p0 = (1 - q) / (1 + q);
    expect(Math.abs(zeros / n - p0)).toBeLessThan(6 * Math.sqrt((p0 * (1 - p0)) / n));
  });

  it('refuses scales that are not positive integers', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, 2e6]) expect(() => discreteLaplace(bad)).toThrow(RangeError);
  });
});
