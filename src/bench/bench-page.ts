/**
 * The bench page (bench.html, a developer entry of the production build). One mode per load:
 * - ours: the app's real path (live pipeline (LiveModel) → PoseClient → worker fed by a transferred track processor stream)
 * - serial-worker: peer; rVFC → createImageBitmap → transfer, one frame in flight at a time
 * - main-thread: peer; pose-detection on the page, estimatePoses(video) in requestAnimationFrame (demo style)
 * Results go to window.__benchResult for test/bench/bench.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as poseDetection from '@tensorflow-models/pose-detection';
import { openCamera } from '../app/camera/camera';
import { PoseClient } from '../app/pose/pose-client';
import { liveDebug, liveError, liveStatus, onPose, poseStats, startLive, stopLive } from './live';
import { initBackend, probeGpu, withTimeout } from '../../workers/pose/backend';
import {
  ALL_BACKENDS,
  FRAME_INPUT_KINDS,
  epochNow,
  type Backend,
  type FrameInputKind,
  type GpuInfo,
  type PageToWorker,
  type PoseMessage,
  type ReadyMessage,
} from '../../workers/pose/protocol';
import { cameraFrameCounter, heapMb, longTaskMeter, percentile, round } from './stats';

type Mode = 'ours' | 'serial-worker' | 'main-thread';
const params = new URLSearchParams(location.search);
const mode = (params.get('mode') ?? 'ours') as Mode;
const seconds = Number(params.get('seconds') ?? 20);
/** ?backend=wasm|webgl|webgpu forces the backend of every pipeline (the main-thread peer defaults to wasm). */
const backendParam = params.get('backend');
const backend = ALL_BACKENDS.includes(backendParam as Backend) ? (backendParam as Backend) : null;
/** ?threads=N sizes the wasm thread pool (default: tfjs's own choice). */
const threads = params.get('threads') ? Number(params.get('threads')) : null;
/** ?input=… forces our worker's frame → input strategy (the alternatives measured in issue 14). */
const inputParam = params.get('input');
const frameInput = FRAME_INPUT_KINDS.includes(inputParam as FrameInputKind) ? (inputParam as FrameInputKind) : null;
/** ?compare=1: our worker also times every frame → input strategy on each frame (issue 14). */
const compareInputs = params.get('compare') === '1';
/** ?intake=0: our pose worker reads and converts frames on its own thread (the path without shared memory). */
const framePath = params.get('intake') === '0' ? 'track-processor' : undefined;
const SETTLE_MS = 2000;
/** Every wait in this page has a bound: a run that cannot finish reports why instead of hanging. */
const START_TIMEOUT_MS = 90_000;
const QUERY_TIMEOUT_MS = 5_000;
const video = document.getElementById('video') as HTMLVideoElement;
const overlay = document.getElementById('overlay') as HTMLCanvasElement;
const modelUrl = new URL('/models/movenet-lightning.json', location.href).href;
const wasmPath = new URL('/wasm/', location.href).href;

/**
 * Samples in storage sized up front. Recording runs inside the span that
 * mainThreadMsPerFrameP95 times (our listeners run there), so it must not allocate: a growing
 * array's new backing store can be where the page's GC work lands.
 */
class Series {
  private readonly items: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.items = new Float64Array(capacity);
  }
  push(value: number): void {
    if (this.length < this.items.length) this.items[this.length++] = value;
  }
  list(): number[] {
    return Array.from(this.items.subarray(0, this.length));
  }
}
class Refs<T> {
  private readonly items: Array<T | null>;
  length = 0;
  constructor(capacity: number) {
    this.items = new Array<T | null>(capacity).fill(null);
  }
  push(value: T): void {
    if (this.length < this.items.length) this.items[this.length++] = value;
  }
  list(): T[] {
    return this.items.slice(0, this.length) as T[];
  }
}

interface Window_ {
  poses: number;
  /** The model alone (worker: estimatePoses on the prepared input; main thread: estimatePoses(video)). */
  inferenceMs: Series;
  /** Worker only: frame → model input, and take → post. */
  prepMs: Series;
  workMs: Series;
  /** Time between consecutive processed frames, as the page receives them: the real per-frame cost. */
  intervalMs: Series;
  mainMs: Series;
  /** Ours: the same two clock reads around nothing, right after each timed span (the clock's floor). */
  floorMs: Series;
  latencyMs: Series;
  /** Keypoints per pose, scored after the run (a cheap check that a faster input did not cost accuracy). */
  keypoints: Refs<Float32Array | null>;
}
/** Room for 240 poses a second (cameras here deliver ≤ 60); the run fails if that was not enough. */
const newWindow = (cap = Math.ceil(seconds * 240) + 100): Window_ => ({
  keypoints: new Refs<Float32Array | null>(cap), poses: 0, inferenceMs: new Series(cap), prepMs: new Series(cap),
  workMs: new Series(cap), intervalMs: new Series(cap), mainMs: new Series(cap), floorMs: new Series(cap), latencyMs: new Series(cap),
});
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Pipeline {
  backend: string;
  firstPoseMs: number;
  track: MediaStreamTrack;
  gpu: GpuInfo;
  threadCount: number | null;
  frameInput: string;
  /** Worker start-up breakdown (ms), where there is a worker; ours adds the timeline from Start. */
  startup: Record<string, unknown> | null;
  tensors(): Promise<number>;
  /** Mean ms the worker spent drawing the skeleton per frame (after posting), or null. */
  overlayMs(): Promise<number | null>;
  /** Ours with ?compare=1: p50 ms of each frame → tensor strategy. */
  inputCost(): Promise<Record<string, number> | null>;
  /** The worker's frame counts so far (received, dropped stale in its slot), where the worker counts them. */
  workerFrames(): Promise<{ received: number; dropped: number } | null>;
  stop(): void;
}

let lastPoseAt: number | null = null;
const meanScore = (kp: Float32Array | null) => {
  if (!kp) return 0;
  let sum = 0;
  for (let i = 2; i < kp.length; i += 3) sum += kp[i];
  return sum / (kp.length / 3);
};
/** Records one processed frame (all three pipelines end here; `now`: when the page got it). */
function recordPose(keypoints: Float32Array | null, inferenceMs: number, latencyMs: number, prepMs?: number, workMs?: number, now = performance.now()): void {
  if (measuring) {
    measuring.poses++;
    measuring.keypoints.push(keypoints);
    measuring.inferenceMs.push(inferenceMs);
    measuring.latencyMs.push(latencyMs);
    if (prepMs !== undefined) measuring.prepMs.push(prepMs);
    if (workMs !== undefined) measuring.workMs.push(workMs);
    if (lastPoseAt !== null) measuring.intervalMs.push(now - lastPoseAt);
  }
  lastPoseAt = now;
}

/** Polls `ready` until it returns a value, failing after `ms` (or at once on `failed`). */
async function waitFor<T>(what: string, ready: () => T | null, ms: number, failed: () => string | null = () => null): Promise<T> {
  const deadline = performance.now() + ms;
  for (;;) {
    const value = ready();
    if (value !== null) return value;
    const error = failed();
    if (error) throw new Error(error);
    if (performance.now() > deadline) throw new Error(`${what}: nothing after ${ms} ms`);
    await sleep(20);
  }
}

let measuring: Window_ | null = null;

/**
 * The worker pipelines' listener while measuring: it runs inside the timed span, so it only keeps
 * the message and its arrival time (two stores, no allocation); recordPose gets them after the run.
 */
let arrivals: { messages: Refs<PoseMessage>; at: Series } | null = null;
function logArrival(message: PoseMessage): void {
  if (!arrivals) return;
  arrivals.messages.push(message);
  arrivals.at.push(performance.now());
}
/**
 * Worker pipelines: ms from the camera's capture to the page getting the keypoints, p50. A frame's
 * timestamp (capture) and the time our intake got it are on different clocks; the smallest gap
 * between the two in the run is taken as the offset (that frame waited least), so time spent
 * waiting in the browser's buffer before anyone read the frame counts too.
 */
let captureToPoseMs: number[] = [];
function replayArrivals(log: NonNullable<typeof arrivals>): void {
  const messages = log.messages.list();
  const at = log.at.list();
  lastPoseAt = null;
  const offset = Math.min(...messages.map((m) => m.captureTime - m.t));
  captureToPoseMs = messages.map((m, i) => performance.timeOrigin + at[i] - (m.t + offset));
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    recordPose(m.keypoints, m.inferenceMs, performance.timeOrigin + at[i] - m.captureTime, m.prepMs, m.workMs, at[i]);
  }
}
// For debugging a bench run from the browser console or Playwright.
(window as unknown as { __bench: unknown }).__bench = { liveDebug, liveStatus, liveError };

const startupOf = (r: ReadyMessage) => ({
  probeMs: round(r.probeMs, 0), backendMs: round(r.backendMs, 0), modelLoadMs: round(r.modelLoadMs, 0), warmupMs: round(r.warmupMs, 0),
  warmedUpOn: r.warmedUpOn,
});

const describe = (backendName: string | null | undefined, threadsOn: boolean, threadCount: number | null, how: string) =>
  `${backendName}${threadsOn ? `+threads${threadCount ? `(${threadCount})` : ''}` : ''} (${how})`;

async function startOurs(): Promise<Pipeline> {
  onPose(logArrival);
  await withTimeout(
    startLive({
      video, overlay, deviceId: null, width: 640, height: 480,
      forceBackend: backend, wasmThreads: threads, frameInput, compareInputs, framePath,
      onPoseHandled: (ms) => {
        if (!measuring) return;
        measuring.mainMs.push(ms);
        const started = performance.now();
        measuring.floorMs.push(performance.now() - started);
      },
    }),
    START_TIMEOUT_MS,
    'startLive',
  );
  // startLive reports failures through signals (for the UI); the bench must not wait forever.
  const firstPoseMs = await waitFor('first pose', () => liveDebug.firstPoseMs, START_TIMEOUT_MS, () => {
    const error = liveError.value;
    return liveStatus.value === 'error' && error ? `${error.source}/${error.code}: ${error.detail}` : null;
  });
  const ready = liveDebug.ready!;
  const stats = () => withTimeout(poseStats(), QUERY_TIMEOUT_MS, 'worker stats');
  // Where the time from Start to the first pose went, each mark in ms after Start (the worker's
  // marks are epoch ms, placed with the page's epoch of Start).
  const at = (epoch: number | null | undefined) => (epoch ? round(epoch - liveDebug.startEpoch, 0) : null);
  const { marks } = ready;
  const timeline = {
    workerOrigin: at(marks.originAt),
    workerEvaluated: at(marks.evaluatedAt),
    workerInit: at(marks.initAt),
    workerReady: at(marks.initAt + ready.probeMs + ready.backendMs + ready.modelLoadMs + ready.warmupMs),
    ready: round(liveDebug.startMarks.ready ?? NaN, 0),
    camera: round(liveDebug.startMarks.camera ?? NaN, 0),
    play: round(liveDebug.startMarks.play ?? NaN, 0),
    firstFrame: at((await stats())?.firstFrameAt),
    firstPose: round(firstPoseMs, 0),
    // What the first processed frame cost in the worker (the warm-up, when it ran on that frame).
    firstPrepMs: round(liveDebug.firstPose?.prepMs ?? NaN, 0),
    firstInferenceMs: round(liveDebug.firstPose?.inferenceMs ?? NaN, 0),
  };
  return {
    backend: describe(ready.backend, ready.threads, ready.threadCount, liveDebug.frameSource ?? '?'),
    firstPoseMs,
    track: (video.srcObject as MediaStream).getVideoTracks()[0],
    gpu: ready.gpu,
    threadCount: ready.threadCount,
    frameInput: ready.frameInput,
    startup: { ...startupOf(ready), timeline },
    tensors: async () => (await stats())?.numTensors ?? NaN,
    overlayMs: async () => {
      const s = await stats();
      return s && s.overlayDraws > 0 ? s.overlayMsTotal / s.overlayDraws : null;
    },
    inputCost: async () => {
      const costs = (await stats())?.inputCostMs;
      if (!costs) return null;
      return Object.fromEntries(Object.entries(costs).map(([k, v]) => [k, round(percentile(v, 50))]));
    },
    workerFrames: async () => {
      const s = await stats();
      return s ? { received: s.framesReceived, dropped: s.framesDropped } : null;
    },
    stop: () => stopLive(),
  };
}

async function startSerialWorker(): Promise<Pipeline> {
  const t0 = performance.now();
  const camera = await withTimeout(openCamera({ width: 640, height: 480 }, () => undefined), START_TIMEOUT_MS, 'camera');
  video.srcObject = camera.stream;
  await withTimeout(video.play(), QUERY_TIMEOUT_MS, 'video.play');
  let inFlight = false;
  let firstPoseMs: number | null = null;
  const client = await PoseClient.start({
    track: camera.track, video, overlay: null, mirror: false,
    forceBackend: backend, wasmThreads: threads, frameInput: 'bitmap',
    onError: (e) => console.error(e),
    onPose: (message) => {
      inFlight = false;
      firstPoseMs ??= performance.now() - t0;
      logArrival(message);
    },
    onPoseHandled: (ms) => measuring?.mainMs.push(ms),
    frameSource: (post: (m: PageToWorker, t: Transferable[]) => void) => {
      let active = true;
      const onFrame: VideoFrameRequestCallback = () => {
        if (!active) return;
        video.requestVideoFrameCallback(onFrame);
        if (inFlight) return;
        inFlight = true;
        const handedAt = epochNow();
        const callbackStart = performance.now();
        // Main-thread cost per frame = this callback's synchronous part + the post after the copy.
        let callbackMs = 0;
        createImageBitmap(video).then((bitmap) => {
          const postStart = performance.now();
          post({ type: 'frame', bitmap, captureTime: handedAt }, [bitmap]);
          measuring?.mainMs.push(callbackMs + performance.now() - postStart);
        }, () => { inFlight = false; });
        callbackMs = performance.now() - callbackStart;
      };
      video.requestVideoFrameCallback(onFrame);
      return { kind: 'serial-bitmap', stop: () => { active = false; } };
    },
  });
  await waitFor('first pose', () => firstPoseMs, START_TIMEOUT_MS);
  const ready = client.ready!;
  return {
    backend: describe(ready.backend, ready.threads, ready.threadCount, 'serial bitmaps'),
    firstPoseMs: firstPoseMs!,
    track: camera.track,
    gpu: ready.gpu,
    threadCount: ready.threadCount,
    frameInput: ready.frameInput,
    startup: startupOf(ready),
    tensors: async () => (await withTimeout(client.stats(), QUERY_TIMEOUT_MS, 'worker stats')).numTensors,
    overlayMs: async () => null,
    inputCost: async () => null,
    workerFrames: async () => null,
    stop: () => { client.stop(); camera.close(); },
  };
}

async function startMainThread(): Promise<Pipeline> {
  const t0 = performance.now();
  const gpu = (await probeGpu()).info;
  const choice = await initBackend([backend ?? 'wasm'], wasmPath, 10_000, threads);
  const camera = await withTimeout(openCamera({ width: 640, height: 480 }, () => undefined), START_TIMEOUT_MS, 'camera');
  video.srcObject = camera.stream;
  await withTimeout(video.play(), QUERY_TIMEOUT_MS, 'video.play');
  const detector = await withTimeout(
    poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, {
      modelType: poseDetection.movenet.modelType.SINGLEPOSE_LIGHTNING, modelUrl, enableSmoothing: true,
    }),
    START_TIMEOUT_MS,
    'model load',
  );
  let firstPoseMs: number | null = null;
  let active = true;
  const loop = async () => {
    if (!active) return;
    const handedAt = epochNow();
    const started = performance.now();
    const poses = await detector.estimatePoses(video); // demo style: no timestamp, so no smoothing either
    const ms = performance.now() - started;
    firstPoseMs ??= performance.now() - t0;
    const kps = poses[0]?.keypoints;
    recordPose(kps ? Float32Array.from(kps.flatMap((k) => [k.x, k.y, k.score ?? 0])) : null, ms, epochNow() - handedAt);
    measuring?.mainMs.push(ms);
    requestAnimationFrame(() => void loop());
  };
  requestAnimationFrame(() => void loop());
  await waitFor('first pose', () => firstPoseMs, START_TIMEOUT_MS);
  return {
    backend: describe(choice.backend, choice.threads, choice.threadCount, 'main thread'),
    firstPoseMs: firstPoseMs!,
    track: camera.track,
    gpu,
    threadCount: choice.threadCount,
    frameInput: 'video element',
    startup: null,
    tensors: async () => tf.memory().numTensors,
    overlayMs: async () => null,
    inputCost: async () => null,
    workerFrames: async () => null,
    stop: () => { active = false; detector.dispose(); camera.close(); },
  };
}

async function run(): Promise<Record<string, unknown>> {
  const pipeline = mode === 'ours' ? await startOurs() : mode === 'serial-worker' ? await startSerialWorker() : await startMainThread();
  // The camera's delivered rate, counted the same way for every pipeline, whoever consumes how fast.
  const camera = cameraFrameCounter(pipeline.track, video);
  await sleep(SETTLE_MS);
  const tensorsStart = await pipeline.tensors();
  const heapMbStart = await heapMb(QUERY_TIMEOUT_MS);
  const framesStart = camera.frames();
  const presentedStart = camera.presented();
  const trackStart = camera.track();
  const workerStart = await pipeline.workerFrames();
  const longTasks = longTaskMeter();
  const window_ = newWindow();
  const started = performance.now();
  longTasks.start();
  lastPoseAt = null;
  const cap = Math.ceil(seconds * 240) + 100;
  const log = (arrivals = { messages: new Refs<PoseMessage>(cap), at: new Series(cap) });
  measuring = window_;
  await sleep(seconds * 1000);
  arrivals = null;
  replayArrivals(log);
  measuring = null;
  if (window_.poses > window_.inferenceMs.length) throw new Error(`more poses than the bench had room for: ${window_.poses}`);
  const sample = {
    poses: window_.poses, keypoints: window_.keypoints.list(), inferenceMs: window_.inferenceMs.list(), prepMs: window_.prepMs.list(),
    workMs: window_.workMs.list(), intervalMs: window_.intervalMs.list(), mainMs: window_.mainMs.list(), floorMs: window_.floorMs.list(), latencyMs: window_.latencyMs.list(),
  };
  const elapsedS = (performance.now() - started) / 1000;
  const longTaskMs = longTasks.stop();
  const framesEnd = camera.frames();
  const presentedEnd = camera.presented();
  const trackEnd = camera.track();
  camera.stop();
  const workerEnd = await pipeline.workerFrames();
  const tensorsEnd = await pipeline.tensors();
  const overlayMs = await pipeline.overlayMs();
  const inputCostMsP50 = await pipeline.inputCost();
  const heapMbEnd = await heapMb(QUERY_TIMEOUT_MS);
  pipeline.stop();
  const cameraFps = (framesEnd - framesStart) / elapsedS;
  const inferenceMsP50 = percentile(sample.inferenceMs, 50);
  const limitFps = Math.min(cameraFps, 1000 / inferenceMsP50);
  const fps = sample.poses / elapsedS;
  const maybe = (values: number[], p: number) => (values.length ? round(percentile(values, p)) : null);
  return {
    mode,
    seconds: round(elapsedS, 1),
    cameraFps: round(cameraFps),
    cameraFpsSource: camera.source,
    presentedFps: round((presentedEnd - presentedStart) / elapsedS),
    // Where camera frames went in the window: the track's own counts, then our worker's.
    ...(trackStart && trackEnd ? {
      trackDeliveredFrames: trackEnd.deliveredFrames - trackStart.deliveredFrames,
      trackDiscardedFrames: trackEnd.discardedFrames - trackStart.discardedFrames,
    } : {}),
    ...(workerStart && workerEnd ? {
      workerReceivedFrames: workerEnd.received - workerStart.received,
      workerDroppedFrames: workerEnd.dropped - workerStart.dropped,
    } : {}),
    inferenceMsP50: round(inferenceMsP50),
    inferenceMsP90: round(percentile(sample.inferenceMs, 90)),
    inferenceMsMean: round(mean(sample.inferenceMs)),
    frameIntervalMsMean: sample.intervalMs.length ? round(mean(sample.intervalMs)) : null,
    frameIntervalMsP50: maybe(sample.intervalMs, 50),
    frameIntervalMsP90: maybe(sample.intervalMs, 90),
    prepMsP50: maybe(sample.prepMs, 50),
    workMsP50: maybe(sample.workMs, 50),
    overlayMsMean: overlayMs === null ? null : round(overlayMs, 3),
    limitFps: round(limitFps),
    fps: round(fps),
    throughputRatio: round(fps / limitFps, 3),
    mainThreadMsPerFrameP95: round(percentile(sample.mainMs, 95), 3),
    mainThreadMsPerFrameP50: round(percentile(sample.mainMs, 50), 3),
    mainThreadMsPerFrameP99: round(percentile(sample.mainMs, 99), 3),
    mainThreadFloorMsP50: sample.floorMs.length ? round(percentile(sample.floorMs, 50), 3) : null,
    mainThreadFloorMsP95: sample.floorMs.length ? round(percentile(sample.floorMs, 95), 3) : null,
    longTaskMs: round(longTaskMs, 1),
    latencyMsP50: round(percentile(sample.latencyMs, 50)),
    captureToPoseMsP50: captureToPoseMs.length ? round(percentile(captureToPoseMs, 50)) : null,
    keypointScoreMean: round(mean(sample.keypoints.map(meanScore)), 3),
    tensorsStart,
    tensorsEnd,
    heapMbStart: round(heapMbStart),
    heapMbEnd: round(heapMbEnd),
    firstPoseMs: round(pipeline.firstPoseMs, 0),
    startup: pipeline.startup,
    backend: pipeline.backend,
    backendRequested: backend,
    wasmThreads: pipeline.threadCount,
    frameInput: pipeline.frameInput,
    gpu: pipeline.gpu,
    poses: sample.poses,
    ...(inputCostMsP50 ? { inputCostMsP50 } : {}),
  };
}

run().then(
  (result) => {
    (window as unknown as { __benchResult: unknown }).__benchResult = result;
    document.getElementById('out')!.textContent = JSON.stringify(result, null, 2);
  },
  (error: unknown) => {
    (window as unknown as { __benchResult: unknown }).__benchResult = { mode, error: String(error instanceof Error ? error.message : error) };
  },
);
