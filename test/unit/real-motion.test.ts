import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GameId } from '../../src/core/games';
import { summarize } from '../../src/core/metrics';
import { parseTraceText } from '../../src/core/trace';
import { TRACES } from './trace-helpers';

// Real people exercising (public videos run through the app's own MoveNet weights; keypoints only,
// see test/traces/real/README.md), with hand-counted truth: every row right at both frame rates.
const dir = join(TRACES, 'real');
interface Row {
  game: GameId;
  reps: number;
  accept?: number[];
  alsoGames?: { game: GameId; reps: number; accept?: number[] }[];
}
const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Record<string, Row>;
const rows = Object.entries(truth).flatMap(([clip, row]) =>
  [{ game: row.game, reps: row.reps, accept: row.accept }, ...(row.alsoGames ?? [])].map((g) => ({ clip, ...g })),
);

describe('real motion', () => {
  it.each(rows.map((r) => [`${r.clip}@${r.game}`, r] as const))('%s', (_name, { clip, game, reps, accept }) => {
    const rates = ['full', '15fps'].filter((rate) => existsSync(join(dir, `${clip}.${rate}.json`)));
    expect(rates).toContain('full');
    for (const rate of rates) {
      const trace = parseTraceText(readFileSync(join(dir, `${clip}.${rate}.json`), 'utf8'));
      const got = summarize(trace, game).reps;
      expect([reps, ...(accept ?? [])], `${clip}.${rate} counted ${got}`).toContain(got);
    }
  });
});
