import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTraces } from '../../scripts/eval/cli';
import { isRight, score } from '../../scripts/eval/score';
import { parseTruth, truthRows } from '../../scripts/eval/truth';
import { TRACES } from './trace-helpers';

// Real people exercising (public videos run through the app's own MoveNet weights; keypoints only,
// see test/traces/real/README.md), scored exactly as `npm run eval:motion -- --traces` scores them:
// every row right at both frame rates.
const dir = join(TRACES, 'real');
const clips = parseTruth(JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')), false);
const rows = truthRows(clips);

describe('real motion', async () => {
  const result = score(rows, await loadTraces(dir, clips));
  it.each(rows.map((r) => [r.row, r] as const))('%s', (name, row) => {
    const got = result.perRow[name];
    expect(isRight(row, got), `${name}: truth ${row.reps} (also ${row.accept.join(',') || '-'}), full ${got.full}, 15 fps ${got.fps15}`).toBe(true);
  });
});
