import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GameId } from '../../src/core/games';
import { parseTraceText, type PoseTrace } from '../../src/core/trace';

export interface ExpectedEntry {
  game: GameId;
  reps: number;
  seed?: number;
  hits?: number;
  holdSeconds?: number;
  still?: boolean;
  note: string;
}

export const TRACES = fileURLToPath(new URL('../traces', import.meta.url));

export function loadSet(set: 'synthetic' | 'heldout'): { file: string; expected: ExpectedEntry; trace: PoseTrace }[] {
  const dir = join(TRACES, set);
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, ExpectedEntry>;
  return Object.entries(expected).map(([file, e]) => ({
    file,
    expected: e,
    trace: parseTraceText(readFileSync(join(dir, file), 'utf8')),
  }));
}

export const durationS = (t: PoseTrace) => (t.frames[t.frames.length - 1].t - t.frames[0].t) / 1000;
