/**
 * npm run bench -- [--video FILE.y4m|.mjpeg] [--seconds N] [--no-build]
 *                  [--backend wasm|webgl|webgpu] [--threads N] [--gpu]
 *                  [--inputs bitmap,canvas,copyto,copyto-half,canvas-half [--rounds R]] [--repeat N] [--no-intake]
 * Builds and serves the production app, feeds Chromium's fake camera from the video, and measures
 * our pipeline and the two peers (main-thread demo style; serial worker) in one run. Prints one
 * line per pipeline, then one JSON object as the last line (docs/design.md §5.1).
 * --backend forces the backend of all three pipelines; --threads sizes the wasm thread pool;
 * --gpu launches Chromium for a real GPU (Vulkan/ANGLE, WebGPU; docs/design.md §5.3) instead of --disable-gpu;
 * --inputs compares our worker's frame → input strategies (short runs of ours, in rounds).
 * --no-intake keeps our frame reading and conversion on the pose worker's thread (the path without shared memory);
 * --repeat N runs only ours, N times (fresh browser, warm cache each time), and prints the median
 * and spread of first pose, its timeline and main-thread ms per frame, with the load average.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureFakeVideo, repoRoot } from '../fixtures/fake-camera';
import { launchPersistentChromium, serveBuild } from '../browser/harness';

const { values } = parseArgs({
  options: {
    video: { type: 'string' },
    seconds: { type: 'string', default: '60' },
    'peer-seconds': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    backend: { type: 'string' },
    threads: { type: 'string' },
    gpu: { type: 'boolean', default: false },
    inputs: { type: 'string' },
    rounds: { type: 'string', default: '2' },
    repeat: { type: 'string' },
    'no-intake': { type: 'boolean', default: false },
  },
});
const BACKENDS = ['wasm', 'webgl', 'webgpu'];
const INPUTS = ['bitmap', 'canvas', 'copyto', 'copyto-half', 'canvas-half'];
if (values.backend !== undefined && !BACKENDS.includes(values.backend)) {
  console.error(`--backend must be one of ${BACKENDS.join(', ')}, got ${values.backend}`);
  process.exit(2);
}
const threads = values.threads === undefined ? null : Number(values.threads);
if (threads !== null && !(Number.isInteger(threads) && threads >= 1 && threads <= 64)) {
  console.error(`--threads must be a whole number from 1 to 64, got ${values.threads}`);
  process.exit(2);
}
const inputs = values.inputs?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
for (const input of inputs) {
  if (!INPUTS.includes(input)) {
    console.error(`--inputs takes a comma list of ${INPUTS.join(', ')}, got ${input}`);
    process.exit(2);
  }
}
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
if (!Number.isFinite(seconds) || seconds <= 0) {
  console.error(`--seconds must be a positive number, got ${values.seconds}`);
  process.exit(2);
}
const peerSeconds = Number(values['peer-seconds'] ?? Math.min(seconds, 20));
const video = values.video ? resolve(values.video) : ensureFakeVideo();
if (!existsSync(video) || !/\.(y4m|mjpeg|mjpg)$/i.test(video)) {
  console.error(`--video must be an existing .y4m or .mjpeg file: ${video}`);
  process.exit(2);
}
if (!values['no-build']) execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });

type Result = Record<string, unknown> & { error?: string };
const server = await serveBuild();
// One browser per pipeline on one persistent profile: the cache stays warm (firstPoseMs is
// specified with a warm cache), while each pipeline gets fresh processes and a freshly opened fake
// camera (Chromium's mjpeg fake device delivers nothing when reopened within one browser).
const profile = await mkdtemp(join(tmpdir(), 'microbreak-bench-'));
// ForceEagerMeasureMemory: measureUserAgentSpecificMemory answers at once instead of at the next GC.
const args = ['--enable-blink-features=ForceEagerMeasureMemory'];
// A real GPU (docs/design.md §5.3): Vulkan through ANGLE and WebGPU; the NVIDIA ICD may need VK_DRIVER_FILES.
const GPU_ARGS = ['--use-angle=vulkan', '--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan', '--disable-vulkan-surface', '--enable-unsafe-webgpu', '--ignore-gpu-blocklist'];
if (values.gpu) args.push(...GPU_ARGS);
// No GPU: webgl runs on SwiftShader; WebGPU has no adapter there and fails with a clear error.
else if (values.backend === 'webgl' || values.backend === 'webgpu') args.push('--enable-unsafe-swiftshader', '--enable-unsafe-webgpu');
const launch = () => launchPersistentChromium(profile, { video, args, gpu: values.gpu });

function query(mode: string, secs: number, input?: string, compare = false): string {
  const q = new URLSearchParams({ mode, seconds: String(secs) });
  if (compare) q.set('compare', '1');
  if (values.backend) q.set('backend', values.backend);
  if (threads !== null) q.set('threads', String(threads));
  if (input) q.set('input', input);
  if (values['no-intake']) q.set('intake', '0');
  return q.toString();
}

async function runMode(mode: string, secs: number, input?: string, compare = false): Promise<Result> {
  const context = await launch();
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}bench.html?${query(mode, secs, input, compare)}`);
    // The page bounds each of its own waits; this one only catches a page that died.
    const handle = await page.waitForFunction(() => (window as unknown as { __benchResult?: unknown }).__benchResult, undefined, {
      timeout: (secs + 240) * 1000,
      polling: 500,
    });
    const result = (await handle.jsonValue()) as Result;
    if (result.error) throw new Error(`${mode}: ${result.error}`);
    return result;
  } finally {
    await context.close();
  }
}

try {
  // Install the app (service worker, precache) and run the pipeline once to warm every cache.
  const warm = await launch();
  const app = await warm.newPage();
  await app.goto(server.url);
  await app.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await warm.close();
  await runMode('ours', 3);

  const repeat = values.repeat === undefined ? 0 : Number(values.repeat);
  if (repeat > 0) {
    // First pose and main-thread cost, run after run: the machine is shared, so report the spread.
    const runs: Result[] = [];
    for (let i = 0; i < repeat; i++) {
      const load = loadavg()[0];
      const r = await runMode('ours', seconds);
      runs.push({ ...r, load1: Math.round(load * 100) / 100 });
      console.log(`ours #${i + 1} (load ${load.toFixed(2)}): firstPoseMs ${r.firstPoseMs} mainThreadMsPerFrameP95 ${r.mainThreadMsPerFrameP95} (clock floor p95 ${r.mainThreadFloorMsP95}) fps ${r.fps} of camera ${r.cameraFps} (track delivered ${r.trackDeliveredFrames} discarded ${r.trackDiscardedFrames}; worker received ${r.workerReceivedFrames} dropped ${r.workerDroppedFrames}; poses ${r.poses}; inference p50 ${r.inferenceMsP50} p90 ${r.inferenceMsP90} prep ${r.prepMsP50} work ${r.workMsP50}; capture → pose p50 ${r.captureToPoseMsP50}) frame input ${r.frameInput} via ${r.backend} timeline ${JSON.stringify((r.startup as { timeline?: unknown } | null)?.timeline)}`);
    }
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const spread = (key: (r: Result) => unknown) => {
      const xs = sorted(runs.map((r) => Number(key(r))).filter(Number.isFinite));
      return xs.length ? { median: xs[Math.floor((xs.length - 1) / 2)], min: xs[0], max: xs[xs.length - 1] } : null;
    };
    const timelineKeys = Object.keys((runs[0].startup as { timeline?: Record<string, number> } | null)?.timeline ?? {});
    console.log(JSON.stringify({
      runs: repeat, seconds, backend: runs[0].backend, cores: cpus().length,
      load1: spread((r) => r.load1),
      firstPoseMs: spread((r) => r.firstPoseMs),
      mainThreadMsPerFrameP95: spread((r) => r.mainThreadMsPerFrameP95),
      mainThreadMsPerFrameP50: spread((r) => r.mainThreadMsPerFrameP50),
      mainThreadMsPerFrameP99: spread((r) => r.mainThreadMsPerFrameP99),
      mainThreadFloorMsP95: spread((r) => r.mainThreadFloorMsP95),
      fps: spread((r) => r.fps),
      timeline: Object.fromEntries(timelineKeys.map((k) => [k, spread((r) => (r.startup as { timeline: Record<string, number> }).timeline[k])?.median])),
      startup: Object.fromEntries(['probeMs', 'backendMs', 'modelLoadMs', 'warmupMs'].map((k) => [k, spread((r) => (r.startup as Record<string, number>)[k])?.median])),
      warmedUpOn: runs.map((r) => (r.startup as Record<string, unknown> | null)?.warmedUpOn),
    }));
  } else if (inputs.length > 0) {
    // Input strategies: first every strategy on the same frames in one worker (the cleanest
    // comparison on a loaded machine), then short runs of ours with each, interleaved in rounds.
    const compared = await runMode('ours', seconds, undefined, true);
    console.log(`frame → tensor, ms p50 on the same frames: ${JSON.stringify(compared.inputCostMsP50)}`);
    const runs: Record<string, Result[]> = Object.fromEntries(inputs.map((i) => [i, []]));
    for (let round = 0; round < rounds; round++) {
      for (const input of inputs) {
        const r = await runMode('ours', seconds, input);
        runs[input].push(r);
        console.log(`ours/${input}: ${JSON.stringify(r)}`);
      }
    }
    const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] : null);
    const keys = ['fps', 'cameraFps', 'frameIntervalMsP50', 'prepMsP50', 'inferenceMsP50', 'workMsP50', 'overlayMsMean', 'latencyMsP50', 'keypointScoreMean', 'frameIntervalMsMean', 'inferenceMsMean'];
    console.log(JSON.stringify({
      inputs: Object.fromEntries(inputs.map((i) => [i, Object.fromEntries(keys.map((k) => [k, median(runs[i].map((r) => Number(r[k])))]))])),
      inputCostMsP50: compared.inputCostMsP50,
      rounds, seconds, backend: compared.backend, cores: cpus().length,
    }));
  } else {
    // A pipeline that cannot run (e.g. WebGPU where the page gets no adapter) is reported, not fatal.
    const attempt = (mode: string, secs: number) =>
      runMode(mode, secs).catch((error: unknown): Result => ({ mode, error: error instanceof Error ? error.message : String(error) }));
    const ours = await attempt('ours', seconds);
    console.log(`ours:          ${JSON.stringify(ours)}`);
    const mainThread = await attempt('main-thread', peerSeconds);
    console.log(`main-thread:   ${JSON.stringify(mainThread)}`);
    const serialWorker = await attempt('serial-worker', peerSeconds);
    console.log(`serial-worker: ${JSON.stringify(serialWorker)}`);
    if (ours.error || mainThread.error || serialWorker.error) process.exitCode = 1;
    const figures = (r: Result) => {
      const { mode: _mode, ...rest } = r;
      return rest;
    };
    // The target (issue 14): ours ≥ 0.97 × min(camera fps, what the main-thread peer's bare inference allows).
    const targetLimitFps = Math.min(Number(ours.cameraFps), 1000 / Number(mainThread.inferenceMsP50));
    console.log(JSON.stringify({
      ...figures(ours),
      targetLimitFps: Number.isFinite(targetLimitFps) ? Math.round(targetLimitFps * 100) / 100 : null,
      targetRatio: Number.isFinite(targetLimitFps) ? Math.round((Number(ours.fps) / targetLimitFps) * 1000) / 1000 : null,
      video: video.startsWith(repoRoot) ? video.slice(repoRoot.length + 1) : video,
      cores: cpus().length,
      peers: { mainThread: figures(mainThread), serialWorker: figures(serialWorker) },
    }));
  }
} finally {
  await server.close();
  await rm(profile, { recursive: true, force: true });
}
