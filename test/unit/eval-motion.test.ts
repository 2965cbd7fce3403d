import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KP } from '../../src/core/pose/keypoints';
import { parseTraceText, type PoseTrace } from '../../src/core/trace';
import { evalMotion } from '../../scripts/eval/cli';
import { takePpm } from '../../scripts/eval/decode';
import { TRACES } from './trace-helpers';

const root = join(TRACES, '..', '..');

/** The command as `npm run eval:motion` runs it (a child process). */
const evalMotionCli = (...args: string[]) =>
  spawnSync(join(root, 'node_modules', '.bin', 'tsx'), ['scripts/eval-motion.ts', ...args], { cwd: root, encoding: 'utf8' });

/** The same command in this process (no tsx start-up per call). */
async function evalMotionHere(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await evalMotion(args, { out: (t) => { stdout += t; }, err: (t) => { stderr += t; } });
  return { status, stdout, stderr };
}

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'eval-motion-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The last stdout line, which must be the contract's JSON (docs/design.md §5.2). */
function lastJson(stdout: string) {
  const lines = stdout.trim().split('\n');
  const out = JSON.parse(lines[lines.length - 1]);
  expect(Object.keys(out)).toEqual(['rows', 'right', 'reps', 'truthReps', 'perRow']);
  for (const row of Object.values(out.perRow) as Record<string, unknown>[]) {
    expect(Object.keys(row)).toEqual(['game', 'truth', 'full', 'fps15']);
  }
  return out;
}

const load = (path: string): PoseTrace => parseTraceText(readFileSync(path, 'utf8'));

/** Median of each keypoint over a trace, x relative to the torso centre (the fixture video pans sideways). */
function bodyMedians(trace: PoseTrace): { dx: number; y: number; score: number }[] {
  const median = (v: number[]) => v.sort((a, b) => a - b)[v.length >> 1];
  const kps = trace.frames.map((f) => f.kp!).filter(Boolean);
  const cx = (k: ArrayLike<number>) => [KP.left_shoulder, KP.right_shoulder, KP.left_hip, KP.right_hip].reduce((s, i) => s + k[i * 3], 0) / 4;
  return Array.from({ length: 17 }, (_, i) => ({
    dx: median(kps.map((k) => k[i * 3] - cx(k))),
    y: median(kps.map((k) => k[i * 3 + 1])),
    score: median(kps.map((k) => k[i * 3 + 2])),
  }));
}

describe('npm run eval:motion', () => {
  it('--clips decodes a video, runs the app detector at the clip rate and at 15 fps, and scores every game', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    // The browser tests' fake camera (test/fixtures/fake-camera.ts): the photo panned ±40 px, here at
    // 20 fps as H.264 with half a second trimmed off, so one 3 s pan period is scored.
    const filter = 'scale=-2:480,crop=640:480:(iw-640)/2+40*sin(2*PI*t/3):0,format=yuv420p';
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-loop', '1', '-i', join(root, 'test/fixtures/messi5.jpg'), '-vf', filter, '-r', '20', '-t', '3.5', '-c:v', 'libx264', '-crf', '18', join(dir, 'messi.mp4')]);
    // He holds one pose: no rep in any rep game (test/traces/recorded/README.md).
    writeFileSync(join(dir, 'truth.json'), JSON.stringify({ messi: { game: 'arm-raises', reps: 0, file: 'messi.mp4', trim: [0.5, 3.5], alsoGames: [{ game: 'squats', reps: 0 }] } }));

    const r = evalMotionCli('--clips', dir, '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const json = lastJson(r.stdout);
    expect(json).toEqual({
      rows: 2, right: 2, reps: 0, truthReps: 0,
      perRow: { messi: { game: 'arm-raises', truth: 0, full: 0, fps15: 0 }, 'messi@squats': { game: 'squats', truth: 0, full: 0, fps15: 0 } },
    });
    expect(r.stdout).toMatch(/messi@arm-raises\s+0\s+-\s+0\s+0\s+yes/);

    const full = load(join(out, 'traces', 'messi.full.json'));
    const slow = load(join(out, 'traces', 'messi.15fps.json'));
    expect([full.width, full.height, full.fps]).toEqual([640, 480, 20]);
    expect(slow.fps).toBe(15);
    expect(Math.abs(full.frames.length - 60)).toBeLessThanOrEqual(1); // 3 s after the trim
    expect(Math.abs(slow.frames.length - 45)).toBeLessThanOrEqual(1);
    expect(full.frames[1].t).toBeCloseTo(50, 1);
    expect(slow.frames[1].t).toBeCloseTo(66.7, 1);
    for (const trace of [full, slow]) expect(trace.frames.every((f) => f.kp !== null)).toBe(true);

    // The same person as the pose worker saw in Chromium (recorded from the real app, same photo and pan):
    // every confidently seen keypoint within a few pixels, relative to the sliding torso.
    const browser = bodyMedians(load(join(TRACES, 'recorded', 'messi-pan-640x480.json')));
    const offline = bodyMedians(full);
    const confident = browser.map((b, i) => [b, offline[i], i] as const).filter(([b]) => b.score > 0.5);
    expect(confident.length).toBeGreaterThanOrEqual(8);
    expect(confident.map(([, , i]) => i)).toEqual(expect.arrayContaining([KP.left_shoulder, KP.right_shoulder]));
    for (const [b, o, i] of confident) {
      expect(Math.hypot(b.dx - o.dx, b.y - o.y), `keypoint ${i}`).toBeLessThan(8);
      expect(Math.abs(b.score - o.score), `keypoint ${i}`).toBeLessThan(0.1);
    }
    // The written traces score the same with --traces.
    expect(lastJson((await evalMotionHere('--traces', out)).stdout)).toEqual(json);
  }, 180_000);

  /** A synthetic squats trace (still or with reps) whose frame rate passes `fpsOk`. */
  function syntheticAt(fpsOk: (fps: number) => boolean, still: boolean): string {
    const expected = JSON.parse(readFileSync(join(TRACES, 'synthetic', 'expected.json'), 'utf8')) as Record<string, { game: string; reps: number; still?: boolean }>;
    const file = Object.keys(expected).find(
      (f) => expected[f].game === 'squats' && !!expected[f].still === still && (still || expected[f].reps > 0) && fpsOk(load(join(TRACES, 'synthetic', f)).fps),
    );
    if (!file) throw new Error('the synthetic set has no such squats trace');
    return file;
  }

  it('--traces scores existing traces against truth, every game of every row', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'traces'));
    const expected = JSON.parse(readFileSync(join(TRACES, 'synthetic', 'expected.json'), 'utf8'));
    // A ≤ 15 fps clip has only its full trace (it is its own 15 fps pass); a faster one has both.
    const slowFile = syntheticAt((fps) => fps <= 15, false);
    const stillFile = syntheticAt((fps) => fps > 15, true);
    copyFileSync(join(TRACES, 'synthetic', slowFile), join(dir, 'traces', 'slow.full.json'));
    copyFileSync(join(TRACES, 'synthetic', stillFile), join(dir, 'traces', 'still.full.json'));
    copyFileSync(join(TRACES, 'synthetic', stillFile), join(dir, 'traces', 'still.15fps.json'));
    const reps = expected[slowFile].reps as number;
    expect(reps).toBeGreaterThan(0);
    writeFileSync(join(dir, 'truth.json'), JSON.stringify({
      slow: { game: 'squats', reps },
      // Deliberately wrong truth: a still person counted as 1 (or 2) squats is not "right".
      still: { game: 'squats', reps: 1, accept: [2], alsoGames: [{ game: 'arm-raises', reps: 0 }] },
    }));
    const r = await evalMotionHere('--traces', dir);
    expect(r.status, r.stderr).toBe(0);
    expect(lastJson(r.stdout)).toEqual({
      rows: 3, right: 2, reps, truthReps: reps + 1,
      perRow: {
        slow: { game: 'squats', truth: reps, full: reps, fps15: reps },
        still: { game: 'squats', truth: 1, full: 0, fps15: 0 },
        'still@arm-raises': { game: 'arm-raises', truth: 0, full: 0, fps15: 0 },
      },
    });
    expect(r.stdout).toMatch(/still@squats\s+1\s+2\s+0\s+0\s+NO/);
    expect(r.stdout).toContain(`2 of 3 rows right, ${reps} of ${reps + 1} reps`);
  });

  it('exits 2 with a clear message on bad arguments, truth or traces', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'traces'));
    const stillFile = syntheticAt((fps) => fps > 15, true);
    const stillFps = load(join(TRACES, 'synthetic', stillFile)).fps;
    copyFileSync(join(TRACES, 'synthetic', stillFile), join(dir, 'traces', 'still.full.json'));
    const cases: [string[], object | null, RegExp][] = [
      [[], null, /exactly one of --clips DIR and --traces DIR/],
      [['--traces', dir, '--clips', dir], null, /exactly one/],
      [['--traces', join(dir, 'nope')], null, /cannot read .*truth\.json/],
      [['--traces', dir], { still: { game: 'situps', reps: 1 } }, /"still"\.game: unknown game "situps"/],
      [['--traces', dir], { still: { game: 'squats', reps: -1 } }, /reps must be a whole number/],
      // Faster than 15 fps needs its separate 15 fps pass.
      [['--traces', dir], { still: { game: 'squats', reps: 0 } }, new RegExp(`still\\.15fps\\.json is missing \\(the clip runs at ${stillFps} fps\\)`)],
      [['--clips', dir], { still: { game: 'squats', reps: 0 } }, /--clips needs the video file/],
      [['--clips', dir], { still: { game: 'squats', reps: 0, file: 'x.mp4', trim: [3, 1] } }, /trim must be \[start, end\]/],
      [['--clips', dir], { still: { game: 'squats', reps: 0, file: 'x.mp4' } }, /x\.mp4 \(clip still\) does not exist/],
    ];
    for (const [args, truth, message] of cases) {
      if (truth) writeFileSync(join(dir, 'truth.json'), JSON.stringify(truth));
      const r = await evalMotionHere(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  it('reads a PPM frame stream split at any byte', () => {
    const frame = (w: number, h: number, v: number) => Buffer.concat([Buffer.from(`P6\n${w} ${h}\n255\n`), Buffer.alloc(w * h * 3, v)]);
    const stream = Buffer.concat([frame(3, 2, 7), frame(2, 2, 9)]);
    expect(takePpm(stream.subarray(0, 5))).toBeNull();
    expect(takePpm(stream.subarray(0, 20))).toBeNull();
    const first = takePpm(stream)!;
    expect([first.frame.width, first.frame.height, first.frame.data.length, first.frame.data[17]]).toEqual([3, 2, 18, 7]);
    const second = takePpm(first.rest)!;
    expect([second.frame.width, second.frame.height, second.frame.data[11], second.rest.length]).toEqual([2, 2, 9, 0]);
    expect(() => takePpm(Buffer.from('GIF89a'))).toThrow(/PPM/);
  });
});
