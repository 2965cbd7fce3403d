import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/core/metrics';
import { parseTraceText } from '../../src/core/trace';

const trace = parseTraceText(readFileSync(join(import.meta.dirname, '../traces/recorded/messi-pan-640x480.json'), 'utf8'));

// Recorded from MoveNet on the fake camera (see test/traces/recorded/README.md): a person holding
// one pose while sliding sideways must not produce reps, but does move.
describe('trace recorded from the real model', () => {
  it.each(['squats', 'jumping-jacks', 'arm-raises', 'side-bend'] as const)('%s: a held pose counts no reps', (game) => {
    const result = summarize(trace, game, 7);
    expect(result.reps).toBe(0);
    if (game === 'side-bend') expect(result.holdSeconds).toBe(0);
  });

  it('reach: a held pose hits at most a target that appears at the already outstretched hand', () => {
    const result = summarize(trace, 'reach', 7);
    expect(result.hits).toBeLessThanOrEqual(1);
    expect(result.reps).toBe(result.hits);
  });

  it('sliding sideways is movement', () => {
    const result = summarize(trace, 'arm-raises', 7);
    expect(result.movementPoints).toBeGreaterThan(20);
    expect(result.activeSeconds).toBeGreaterThan(10);
  });
});
