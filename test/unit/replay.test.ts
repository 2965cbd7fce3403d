import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it('plays the game and seed the trace recorded; --game overrides it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'replay-')), 'with-run.json');
    const trace = JSON.parse(readFileSync(join(TRACES, 'synthetic', 'reach-seated.json'), 'utf8'));
    trace.run = { game: 'reach', seed: 42, durationMs: null, countdownMs: 3000, idleMs: 30000, end: { t: trace.frames.at(-1).t, reason: 'stopped' } };
    writeFileSync(file, JSON.stringify(trace));
    const recorded = replay(file);
    expect(recorded.status).toBe(0);
    const plain = replay(join(TRACES, 'synthetic', 'reach-seated.json'), '--game', 'reach', '--seed', '42');
    expect(recorded.stdout).toBe(plain.stdout);
    const other = replay(file, '--game', 'arm-raises');
    expect(JSON.parse(other.stdout).game).toBe('arm-raises');
    const noGame = replay(join(TRACES, 'synthetic', 'reach-seated.json'));
    expect(noGame.status).toBe(2);
    expect(noGame.stderr).toMatch(/records no game: add --game/);
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
