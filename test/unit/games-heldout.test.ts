import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/core/metrics';
import { loadSet } from './trace-helpers';

// Held-out traces: another seed and other parameter ranges than the tuning set. Reports accuracy.
describe('held-out accuracy', () => {
  it('≥ 95% exact counts and never off by more than one', () => {
    const rows = loadSet('heldout').map(({ file, expected, trace }) => {
      const got = summarize(trace, expected.game, expected.seed ?? 1).reps;
      return { file, game: expected.game, expected: expected.reps, got };
    });
    const byGame = new Map<string, { n: number; exact: number }>();
    for (const r of rows) {
      const g = byGame.get(r.game) ?? { n: 0, exact: 0 };
      g.n++;
      if (r.got === r.expected) g.exact++;
      byGame.set(r.game, g);
    }
    const exact = rows.filter((r) => r.got === r.expected).length;
    console.log(
      `held-out exact: ${exact}/${rows.length}; ` +
        [...byGame].map(([g, v]) => `${g} ${v.exact}/${v.n}`).join(', ') +
        '\n' +
        rows.filter((r) => r.got !== r.expected).map((r) => `  ${r.file}: expected ${r.expected}, got ${r.got}`).join('\n'),
    );
    expect(exact / rows.length).toBeGreaterThanOrEqual(0.95);
    for (const r of rows) expect(Math.abs(r.got - r.expected), r.file).toBeLessThanOrEqual(1);
  });
});
