/**
 * The page ↔ pose-worker protocol: the one module both sides import (the page's tsconfig includes
 * this file, the intake's protocol and the frame input kinds of pixels.ts, nothing else from workers/). Frames go in (transferred), keypoints come out; no
 * message from the worker ever carries pixels.
 */

export type Backend = 'webgpu' | 'webgl' | 'wasm';
export const ALL_BACKENDS: readonly Backend[] = ['webgpu', 'webgl', 'wasm'];

import { PIXEL_KINDS, type PixelKind } from './pixels';

/** How a camera frame becomes the model's input (workers/pose/frame-input.ts; measured in issue 14). */
export type FrameInputKind = 'bitmap' | PixelKind;
export const FRAME_INPUT_KINDS: readonly FrameInputKind[] = ['bitmap', ...PIXEL_KINDS];

/** What the browser says about its GPU: for the developer view and the bench JSON, never uploaded. */
export interface GpuInfo {
  /** Unmasked WebGL renderer (e.g. "ANGLE (NVIDIA, Vulkan …)" or "… SwiftShader …"), null without WebGL. */
  webglRenderer: string | null;
  webglVendor: string | null;
  /** WebGPU adapter info, null when navigator.gpu is missing or gives no adapter. */
  webgpuAdapter: { vendor: string; architecture: string; device: string; description: string; isFallbackAdapter: boolean } | null;
}

export interface InitOptions {
  /** URL of the MoveNet model.json (our own copy, cached by the service worker). */
  modelUrl: string;
  /** Folder (ending in '/') holding the tfjs .wasm binaries. */
  wasmPath: string;
  /** Tried first when present: the backend that worked last time on this device. */
  rememberedBackend: Backend | null;
  /** Forces one backend (tests, bench, developer settings). */
  forceBackend: Backend | null;
  /** Give up on a backend that has not initialised within this time and try the next one. */
  backendTimeoutMs: number;
  /** Optional canvas the worker draws the skeleton on, so the page does no per-frame drawing. */
  overlay: OffscreenCanvas | null;
  /** Mirror the overlay horizontally (selfie view); keypoints themselves are never mirrored. */
  mirrorOverlay: boolean;
  /** wasm only: threads in tfjs's pool (null: tfjs's default, half the logical cores up to 8). */
  wasmThreads?: number | null;
  /** Forces a frame → input strategy (bench, developer settings); null: the measured default. */
  frameInput?: FrameInputKind | null;
  /** Bench only: also time every frame → input strategy on each frame (costs CPU; never in the app). */
  compareInputs?: boolean;
}

export type PageToWorker =
  | { type: 'init'; options: InitOptions }
  /** Chromium: a MediaStreamTrackProcessor's readable, transferred; no per-frame page work. */
  | { type: 'attach-stream'; frames: ReadableStream<VideoFrame> }
  /** Chromium, cross-origin isolated: the stream went to the intake worker; this is the pose worker's end of their channel. */
  | { type: 'attach-intake'; port: MessagePort }
  /** Fallback: one transferred bitmap per camera frame; `captureTime` in epoch ms. */
  | { type: 'frame'; bitmap: ImageBitmap; captureTime: number }
  /** The reply carries the same id; the page gives up on it after a timeout. */
  | { type: 'stats'; id: number }
  | { type: 'stop' };

export type PoseErrorCode =
  | 'model-load-failed'
  | 'no-backend'
  | 'frame-source-failed'
  | 'inference-failed'
  | 'bad-message';

export interface ReadyMessage {
  type: 'ready';
  backend: Backend;
  /** wasm only: running with threads (page cross-origin isolated). */
  threads: boolean;
  /** Threads in the wasm pool (wasm with threads only), else null. */
  threadCount: number | null;
  /** Renderer string where WebGL was probed, for the developer view and the bench. */
  renderer: string | null;
  gpu: GpuInfo;
  frameInput: FrameInputKind;
  /** Start-up, in order: GPU probe, backend init, model load, warm-up inference (ms). */
  probeMs: number;
  backendMs: number;
  modelLoadMs: number;
  warmupMs: number;
  /** What the first inference ran on: a blank frame (warmupMs), or the first camera frame, already waiting (warmupMs 0). */
  warmedUpOn: 'blank' | 'first-frame';
  /** Epoch ms: the worker's time origin (≈ created), its module evaluated (bundle fetched and parsed), init received. */
  marks: { originAt: number; evaluatedAt: number; initAt: number };
}

export interface PoseMessage {
  type: 'pose';
  /** Frame timestamp in ms, as passed to the smoother. */
  t: number;
  /** Capture time of the frame in epoch ms (performance.timeOrigin + now), for latency. */
  captureTime: number;
  /** 17 × (x, y, score) in pixels of the frame, or null when no person was found. */
  keypoints: Float32Array | null;
  /** Both shoulders scored ≥ MIN_SCORE (what every game needs first); decided here so the page reads no keypoints for it. */
  visible: boolean;
  width: number;
  height: number;
  /** The model alone: estimatePoses on the prepared input, in the worker. */
  inferenceMs: number;
  /** Frame → model input (conversion, copy, resize), in the worker. */
  prepMs: number;
  /** Time from taking the frame to posting its keypoints, in the worker (prep + inference + the rest). */
  workMs: number;
}

export interface StatsMessage {
  type: 'stats';
  /** The id of the request this answers. */
  id: number;
  numTensors: number;
  numBytes: number;
  /** Camera frames the worker received and how many it dropped unprocessed (stale). */
  framesReceived: number;
  framesDropped: number;
  framesProcessed: number;
  /** Epoch ms the first frame was received (the bench's start-up timeline). */
  firstFrameAt: number | null;
  /** Time spent drawing the skeleton (after the keypoints were posted), in total and how often. */
  overlayMsTotal: number;
  overlayDraws: number;
  /** With compareInputs: ms per frame of each frame → tensor strategy, every sample. */
  inputCostMs: Record<string, number[]> | null;
}

export interface ErrorMessage {
  type: 'error';
  code: PoseErrorCode;
  /** Technical detail for the developer view; the page shows its own translated text. */
  detail: string;
  /** The worker can carry on (e.g. one inference failed) or must be restarted. */
  fatal: boolean;
}

export type WorkerToPage = ReadyMessage | PoseMessage | StatsMessage | ErrorMessage | { type: 'stopped' };

/** Epoch milliseconds; comparable between the page and its workers (their performance.now() origins differ). */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}
