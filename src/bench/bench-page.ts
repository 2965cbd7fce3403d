/**
 * The bench page (bench.html, a developer entry of the production build). One mode per load:
 * - ours: the app's real path (live-session → PoseSession → worker fed by a transferred track processor stream)
 * - serial-worker: peer; rVFC → createImageBitmap → transfer, one frame in flight at a time
 * - main-thread: peer; pose-detection on the page, estimatePoses(video) in requestAnimationFrame (demo style)
 * Results go to window.__benchResult for test/bench/bench.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as poseDetection from '@tensorflow-models/pose-detection';
import { openCamera } from '../app/camera/camera';
import { PoseSession } from '../app/pose/pose-session';
import { liveDebug, liveError, liveStatus, onPose, poseStats, startLive, stopLive } from '../app/session/live-session';
import { initBackend } from '../../workers/pose/backend';
import { epochNow, type PageToWorker } from '../../workers/pose/protocol';
import { heapMb, longTaskMeter, percentile, round } from './stats';

type Mode = 'ours' | 'serial-worker' | 'main-thread';
const params = new URLSearchParams(location.search);
const mode = (params.get('mode') ?? 'ours') as Mode;
const seconds = Number(params.get('seconds') ?? 20);
const SETTLE_MS = 2000;
const video = document.getElementById('video') as HTMLVideoElement;
const overlay = document.getElementById('overlay') as HTMLCanvasElement;
const modelUrl = new URL('/models/movenet-lightning.json', location.href).href;
const wasmPath = new URL('/wasm/', location.href).href;

interface Window_ { cameraFrames: number; poses: number; inferenceMs: number[]; mainMs: number[]; latencyMs: number[] }
const newWindow = (): Window_ => ({ cameraFrames: 0, poses: 0, inferenceMs: [], mainMs: [], latencyMs: [] });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Pipeline {
  backend: string;
  firstPoseMs: number;
  /** Camera frames seen so far (for the camera rate). */
  cameraFrames(): Promise<number>;
  tensors(): Promise<number>;
  stop(): void;
}

let measuring: Window_ | null = null;
// For debugging a bench run from the browser console or Playwright.
(window as unknown as { __bench: unknown }).__bench = { liveDebug, liveStatus, liveError };

/** Counts frames the camera delivers to the page's video element (peers; ours counts in the worker). */
function presentedFrameCounter(): () => number {
  let presented = 0;
  const tick: VideoFrameRequestCallback = (_now, meta) => {
    presented = meta.presentedFrames;
    video.requestVideoFrameCallback(tick);
  };
  video.requestVideoFrameCallback(tick);
  return () => presented;
}

async function startOurs(): Promise<Pipeline> {
  onPose((message) => {
    if (!measuring) return;
    measuring.poses++;
    measuring.inferenceMs.push(message.inferenceMs);
    measuring.latencyMs.push(epochNow() - message.captureTime);
  });
  await startLive({
    video, overlay, deviceId: null, width: 640, height: 480,
    onPoseHandled: (ms) => measuring?.mainMs.push(ms),
  });
  while (liveDebug.firstPoseMs === null) {
    // startLive reports failures through signals (for the UI); the bench must not wait forever.
    const error = liveError.value;
    if (liveStatus.value === 'error' && error) throw new Error(`${error.source}/${error.code}: ${error.detail}`);
    await sleep(20);
  }
  return {
    backend: `${liveDebug.backend}${liveDebug.threads ? '+threads' : ''} (${liveDebug.frameSource})`,
    firstPoseMs: liveDebug.firstPoseMs,
    cameraFrames: async () => (await poseStats())?.framesReceived ?? NaN,
    tensors: async () => (await poseStats())?.numTensors ?? NaN,
    stop: () => stopLive(),
  };
}

async function startSerialWorker(): Promise<Pipeline> {
  const t0 = performance.now();
  const camera = await openCamera({ width: 640, height: 480 }, () => undefined);
  video.srcObject = camera.stream;
  await video.play();
  const presented = presentedFrameCounter();
  let inFlight = false;
  let firstPoseMs: number | null = null;
  const session = await PoseSession.start({
    track: camera.track, video, overlay: null, mirror: false,
    onError: (e) => console.error(e),
    onPose: (message) => {
      inFlight = false;
      firstPoseMs ??= performance.now() - t0;
      if (!measuring) return;
      measuring.poses++;
      measuring.inferenceMs.push(message.inferenceMs);
      measuring.latencyMs.push(epochNow() - message.captureTime);
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
  while (firstPoseMs === null) await sleep(20);
  return {
    backend: `${session.ready?.backend}${session.ready?.threads ? '+threads' : ''} (serial bitmaps)`,
    firstPoseMs,
    cameraFrames: async () => presented(),
    tensors: async () => (await session.stats()).numTensors,
    stop: () => { session.stop(); camera.close(); },
  };
}

async function startMainThread(): Promise<Pipeline> {
  const t0 = performance.now();
  const choice = await initBackend(['wasm'], wasmPath, 10_000);
  const camera = await openCamera({ width: 640, height: 480 }, () => undefined);
  video.srcObject = camera.stream;
  await video.play();
  const presented = presentedFrameCounter();
  const detector = await poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, {
    modelType: poseDetection.movenet.modelType.SINGLEPOSE_LIGHTNING, modelUrl, enableSmoothing: true,
  });
  let firstPoseMs: number | null = null;
  let active = true;
  const loop = async () => {
    if (!active) return;
    const handedAt = epochNow();
    const started = performance.now();
    await detector.estimatePoses(video); // demo style: no timestamp, so no smoothing either
    const ms = performance.now() - started;
    firstPoseMs ??= performance.now() - t0;
    if (measuring) {
      measuring.poses++;
      measuring.inferenceMs.push(ms);
      measuring.mainMs.push(ms);
      measuring.latencyMs.push(epochNow() - handedAt);
    }
    requestAnimationFrame(() => void loop());
  };
  requestAnimationFrame(() => void loop());
  while (firstPoseMs === null) await sleep(20);
  return {
    backend: `${choice.backend}${choice.threads ? '+threads' : ''} (main thread)`,
    firstPoseMs,
    cameraFrames: async () => presented(),
    tensors: async () => tf.memory().numTensors,
    stop: () => { active = false; detector.dispose(); camera.close(); },
  };
}

async function run(): Promise<Record<string, unknown>> {
  const pipeline = mode === 'ours' ? await startOurs() : mode === 'serial-worker' ? await startSerialWorker() : await startMainThread();
  await sleep(SETTLE_MS);
  const tensorsStart = await pipeline.tensors();
  const heapMbStart = await heapMb();
  const framesStart = await pipeline.cameraFrames();
  const longTasks = longTaskMeter();
  const sample = newWindow();
  const started = performance.now();
  longTasks.start();
  measuring = sample;
  await sleep(seconds * 1000);
  measuring = null;
  const elapsedS = (performance.now() - started) / 1000;
  const longTaskMs = longTasks.stop();
  const framesEnd = await pipeline.cameraFrames();
  const tensorsEnd = await pipeline.tensors();
  const heapMbEnd = await heapMb();
  pipeline.stop();
  const cameraFps = (framesEnd - framesStart) / elapsedS;
  const inferenceMsP50 = percentile(sample.inferenceMs, 50);
  const limitFps = Math.min(cameraFps, 1000 / inferenceMsP50);
  const fps = sample.poses / elapsedS;
  return {
    mode,
    seconds: round(elapsedS, 1),
    cameraFps: round(cameraFps),
    inferenceMsP50: round(inferenceMsP50),
    inferenceMsP90: round(percentile(sample.inferenceMs, 90)),
    limitFps: round(limitFps),
    fps: round(fps),
    throughputRatio: round(fps / limitFps, 3),
    mainThreadMsPerFrameP95: round(percentile(sample.mainMs, 95), 3),
    longTaskMs: round(longTaskMs, 1),
    latencyMsP50: round(percentile(sample.latencyMs, 50)),
    tensorsStart,
    tensorsEnd,
    heapMbStart: round(heapMbStart),
    heapMbEnd: round(heapMbEnd),
    firstPoseMs: round(pipeline.firstPoseMs, 0),
    backend: pipeline.backend,
    poses: sample.poses,
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
