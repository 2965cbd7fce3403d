import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRACES } from './trace-helpers';

const root = join(TRACES, '..', '..');
const replay = (...args: string[]) =>
  spawnSync(join(root, 'node_modules', '.bin', 'tsx'), ['scripts/replay.ts', ...args], { cwd: root, encoding: 'utf8' });

describe('npm run replay', () => {
  it('prints exactly one JSON line with the contract fields', () => {
    const r = replay(join(TRACES, 'synthetic', 'reach-seated.json'), '--game', 'reach', '--seed', '42');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]);
    expect(Object.keys(out)).toEqual(['game', 'reps', 'activeSeconds', 'movementPoints', 'frames', 'hits']);
    expect(out.game).toBe('reach');
    expect(out.hits).toBe(out.reps);
  });

  it('exits 2 with a message on bad arguments or a bad file', () => {
    for (const args of [[], ['x.json'], [join(TRACES, 'synthetic', 'expected.json'), '--game', 'squats'], ['nope.json', '--game', 'squats'], ['a.json', '--game', 'situps'], ['a.json', '--game', 'squats', '--seed', 'x']]) {
      const r = replay(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^replay: /);
      expect(r.stdout).toBe('');
    }
  });
});
