/**
 * The accuracy bench on real video (docs/design.md §5.2).
 *   npm run eval:motion -- --clips DIR [--out DIR]   videos + truth.json (with `file`, optional `trim`)
 *   npm run eval:motion -- --traces DIR              existing pose-trace/1 files: DIR/traces/<clip>.full.json
 *                                                    and <clip>.15fps.json, truth.json beside
 * --clips runs the app's own detector (workers/pose: MoveNet Lightning, tfjs wasm, smoothing with ms
 * timestamps, warm-up then reset) frame by frame over each clip at its own rate and, in a separate
 * pass, at 15 fps; --out keeps those traces in the --traces layout. Then every game of every row is
 * played; a table on stdout, progress on stderr, and one JSON line last. Bad input: exit 2.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseTraceText, serializeTrace, TraceError, TraceRecorder, type PoseTrace } from '../../src/core/trace';
import { decodeFrames, probeRate } from './decode';
import type { OfflineDetector } from './detector-node';
import { score, table, type ClipTraces } from './score';
import { parseTruth, truthRows, TruthError, type TruthClip } from './truth';

const USAGE = 'usage: npm run eval:motion -- --clips DIR [--out DIR] | --traces DIR';
/** The rate of the second pass: a slow laptop's worker. */
const SLOW_FPS = 15;

class UsageError extends Error {}

export interface Output { out(text: string): void; err(text: string): void }

let io: Output = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

function log(message: string): void {
  io.err(`eval:motion: ${message}\n`);
}

async function readTruth(dir: string, needFiles: boolean): Promise<TruthClip[]> {
  const path = join(dir, 'truth.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON (${(e as Error).message})`);
  }
  return parseTruth(json, needFiles);
}

async function readTrace(path: string): Promise<PoseTrace> {
  try {
    return parseTraceText(await readFile(path, 'utf8'));
  } catch (e) {
    if (e instanceof TraceError) throw new UsageError(`${path} is not a valid pose-trace/1 file: ${e.message}`);
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** --traces: DIR/traces/<clip>.*.json (or DIR/<clip>.*.json). A clip filmed at ≤ 15 fps needs no 15 fps trace. */
export async function loadTraces(dir: string, clips: readonly TruthClip[]): Promise<Map<string, ClipTraces>> {
  const traceDir = existsSync(join(dir, 'traces')) ? join(dir, 'traces') : dir;
  const out = new Map<string, ClipTraces>();
  for (const { clip } of clips) {
    const full = await readTrace(join(traceDir, `${clip}.full.json`));
    const slowPath = join(traceDir, `${clip}.${SLOW_FPS}fps.json`);
    let fps15: PoseTrace;
    if (existsSync(slowPath)) fps15 = await readTrace(slowPath);
    else if (full.fps <= SLOW_FPS + 0.5) fps15 = full;
    else throw new UsageError(`${slowPath} is missing (the clip runs at ${full.fps} fps)`);
    out.set(clip, { full, fps15 });
  }
  return out;
}

/** One detector pass over a clip, as the worker would see it: ms timestamps from 0, smoother reset first. */
async function detect(detector: OfflineDetector, file: string, rate: string, fps: number, trim?: [number, number]): Promise<PoseTrace> {
  detector.reset();
  let recorder: TraceRecorder | null = null;
  let i = 0;
  let found = 0;
  const started = performance.now();
  for await (const frame of decodeFrames(file, rate, trim)) {
    recorder ??= new TraceRecorder({ width: frame.width, height: frame.height, fps: Math.round(fps * 1000) / 1000, maxFrames: Infinity });
    const t = (i * 1000) / fps;
    const kp = await detector.estimate(frame, t);
    if (kp) found++;
    recorder.push(t, kp);
    i++;
  }
  if (!recorder || i === 0) throw new UsageError(`${file}: ffmpeg gave no frames${trim ? ` in trim [${trim.join(', ')}]` : ''}`);
  const ms = (performance.now() - started) / i;
  log(`  ${fps.toFixed(3)} fps: ${i} frames, person found in ${found}, ${ms.toFixed(0)} ms per frame`);
  // Through the file format, so --clips and --traces on the written traces score the same numbers.
  return parseTraceText(serializeTrace(recorder.toTrace()));
}

export async function detectClips(dir: string, clips: readonly TruthClip[], outDir?: string): Promise<Map<string, ClipTraces>> {
  for (const c of clips) {
    if (!existsSync(join(dir, c.file!))) throw new UsageError(`${join(dir, c.file!)} (clip ${c.clip}) does not exist`);
  }
  // Loaded only here: --traces never starts tfjs.
  const { loadOfflineDetector } = await import('./detector-node');
  const detector = await loadOfflineDetector();
  const out = new Map<string, ClipTraces>();
  try {
    for (const c of clips) {
      const file = join(dir, c.file!);
      const { rate, fps } = await probeRate(file);
      log(`${c.clip}: ${c.file}${c.trim ? ` trim [${c.trim.join(', ')}] s` : ''}`);
      const full = await detect(detector, file, rate, fps, c.trim);
      const fps15 = fps <= SLOW_FPS + 0.5 ? full : await detect(detector, file, String(SLOW_FPS), SLOW_FPS, c.trim);
      out.set(c.clip, { full, fps15 });
      if (outDir) {
        await mkdir(join(outDir, 'traces'), { recursive: true });
        await writeFile(join(outDir, 'traces', `${c.clip}.full.json`), serializeTrace(full));
        if (fps15 !== full) await writeFile(join(outDir, 'traces', `${c.clip}.${SLOW_FPS}fps.json`), serializeTrace(fps15));
      }
    }
  } finally {
    detector.dispose();
  }
  if (outDir) await writeFile(join(outDir, 'truth.json'), await readFile(join(dir, 'truth.json')));
  return out;
}

async function run(argv: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { clips: { type: 'string' }, traces: { type: 'string' }, out: { type: 'string' } }, strict: true }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if ((values.clips === undefined) === (values.traces === undefined)) throw new UsageError('give exactly one of --clips DIR and --traces DIR');
  if (values.out !== undefined && values.clips === undefined) throw new UsageError('--out goes with --clips');
  const dir = resolve((values.clips ?? values.traces)!);
  const clips = await readTruth(dir, values.clips !== undefined);
  const traces = values.clips !== undefined ? await detectClips(dir, clips, values.out && resolve(values.out)) : await loadTraces(dir, clips);
  const rows = truthRows(clips);
  const result = score(rows, traces);
  // The table, then the bench's one JSON line (docs/design.md §5.2).
  io.out(`${table(rows, result)}\n${JSON.stringify(result)}\n`);
}

/** The whole command; returns the exit status (2 for bad input, with the reason on `err`). */
export async function evalMotion(argv: string[], output: Output = io): Promise<number> {
  io = output;
  try {
    await run(argv);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof TruthError) {
      io.err(`eval:motion: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
}
