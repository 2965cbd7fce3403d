/// <reference lib="webworker" />
/**
 * The pose worker: owns the model and the frames. Frames come in (a transferred stream of
 * VideoFrames, or transferred bitmaps), only keypoints go out. Latest frame wins; nothing queues.
 * Cross-origin isolated, the page gives the stream to an intake worker instead, which reads it
 * while the model runs and (on wasm) converts each frame into shared memory (intake.worker.ts).
 */
import { candidateOrder, initBackend, probeGpu } from './backend';
import { fetchModel, loadMoveNet, tensorStats, warmUp, type MoveNet } from './detector';
import { LatestFrameSlot } from './latest-frame';
import { FrameInput, FrameInputComparison, defaultFrameInput, pixelsToInput, type PreparedInput } from './frame-input';
import { FrameMailbox } from './frame-mailbox';
import type { IntakeToPose, PoseToIntake } from './intake-protocol';
import { drawSkeleton } from './overlay';
import { MIN_SCORE } from '../../src/core/pose/body';
import { KP, keypointScore } from '../../src/core/pose/keypoints';
import {
  epochNow,
  type Backend,
  type InitOptions,
  type PageToWorker,
  type PoseErrorCode,
  type WorkerToPage,
} from './protocol';

declare const self: DedicatedWorkerGlobalScope;

/** When this module ran: after the bundle (tfjs and all) was fetched, parsed and evaluated. */
const evaluatedAt = epochNow();

interface IncomingFrame {
  source: VideoFrame | ImageBitmap;
  /** Timestamp for the smoother, ms. */
  t: number;
  captureTime: number;
  close(): void;
}

/** A frame the inference loop took: from this thread's slot, or converted already by the intake. */
interface TakenFrame {
  t: number;
  captureTime: number;
  prepare(input: FrameInput): Promise<PreparedInput>;
  close(): void;
}

const MAX_CONSECUTIVE_FAILURES = 10;

let model: MoveNet | null = null;
let frameInput: FrameInput | null = null;
let comparison: FrameInputComparison | null = null;
let overlayMsTotal = 0;
let overlayDraws = 0;
/** The overlay's copy of the latest keypoints (the posted array is transferred away). */
const overlayKeypoints = new Float32Array(51);
let overlay: { canvas: OffscreenCanvas; ctx: OffscreenCanvasRenderingContext2D; mirror: boolean } | null = null;
const slot = new LatestFrameSlot<IncomingFrame>();
let streamReader: ReadableStreamDefaultReader<VideoFrame> | null = null;
let intake: IntakeFrames | null = null;
let framesReceived = 0;
let framesProcessed = 0;
let firstFrameAt: number | null = null;
let stopped = false;

function post(message: WorkerToPage, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

function fail(code: PoseErrorCode, error: unknown, fatal: boolean): void {
  post({ type: 'error', code, detail: error instanceof Error ? error.message : String(error), fatal });
}

function receive(frame: IncomingFrame): void {
  framesReceived++;
  firstFrameAt ??= frame.captureTime;
  slot.put(frame);
}

const hop = new MessageChannel();
/** Resolves in a task of its own, after the messages already queued (quicker than a timer). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    hop.port1.onmessage = () => resolve();
    hop.port2.postMessage(null);
  });
}

/**
 * Frames from the intake worker (started by the page with the camera stream). Converted frames
 * wait in a shared mailbox, and the newest is taken the moment the model is free; frames it passes
 * on as they are go into this worker's slot, like any other. The mailbox is replaced when the
 * frame size outgrows it.
 */
class IntakeFrames {
  private mailbox: FrameMailbox | null = null;
  private ended = false;
  private wake: (() => void) | null = null;
  /** Counts of the mailboxes already replaced. */
  private earlier = { published: 0, overwritten: 0 };
  /** Frames arrive converted, in the mailbox (else as VideoFrames, in the slot). */
  converts = false;

  constructor(private readonly port: MessagePort) {
    port.onmessage = (event: MessageEvent<IntakeToPose>) => {
      const message = event.data;
      if (message.type === 'frame') {
        const { frame, captureTime } = message;
        receive({ source: frame, t: frame.timestamp / 1000, captureTime, close: () => frame.close() });
        return;
      }
      if (message.type === 'mailbox') {
        if (this.mailbox) this.earlier = this.counts;
        this.mailbox = new FrameMailbox(message.buffer);
      } else {
        this.ended = true;
        slot.close();
        if (message.error && !stopped) fail('frame-source-failed', message.error, false);
      }
      this.wake?.();
    };
  }

  /**
   * Says how frames should come, once the frame input is known. Frames passed on as they are flow
   * at once (as they would from the stream); converted frames one for the model's first run, then
   * all (see PoseToIntake).
   */
  configure(input: FrameInput): void {
    const deliver: Extract<PoseToIntake, { type: 'configure' }>['deliver'] = input.kind !== 'bitmap' && !comparison ? input.kind : 'frames';
    this.converts = deliver !== 'frames';
    this.send({ type: 'configure', deliver });
    if (!this.converts) this.send({ type: 'stream' });
    // The model may already be loaded and wait on this worker's slot (the camera opened late).
    else if (model) this.firstFrame();
    if (this.converts) slot.interrupt();
  }

  /** One frame for the model's first run. */
  firstFrame(): void {
    if (framesProcessed === 0) this.send({ type: 'next' });
    else this.stream();
  }

  /** Every frame from now on. */
  stream(): void {
    this.send({ type: 'stream' });
  }

  private send(message: PoseToIntake): void {
    this.port.postMessage(message);
  }

  get counts(): { published: number; overwritten: number } {
    const now = this.mailbox?.counts ?? { published: 0, overwritten: 0 };
    return { published: this.earlier.published + now.published, overwritten: this.earlier.overwritten + now.overwritten };
  }

  async take(): Promise<TakenFrame | null> {
    // A converted frame can be waiting already and the model's awaits are microtasks: without one
    // task hop, messages (stats, stop) would wait for as long as frames keep coming. (Frames from
    // a stream or a message only ever arrive in a task of their own.)
    await nextTask();
    for (;;) {
      if (this.ended) return null;
      const box = this.mailbox;
      const taken = box ? await box.take() : null;
      if (taken && box) {
        const { frame, input } = taken;
        firstFrameAt ??= frame.captureTime;
        return {
          t: frame.t,
          captureTime: frame.captureTime,
          // The slot stays ours until close(), so the tensor may read it in place.
          prepare: async () => pixelsToInput({ ...frame, rgb: input }),
          close: () => box.release(),
        };
      }
      // No mailbox yet, or this one was closed: wait for the next one or the end.
      if (box === this.mailbox) await new Promise<void>((resolve) => { this.wake = resolve; });
    }
  }

  stop(): void {
    this.ended = true;
    this.mailbox?.close();
    this.wake?.();
    this.port.close();
  }
}

/** The next frame for the model, from wherever frames come in. */
async function takeFrame(): Promise<TakenFrame | null> {
  let frame: IncomingFrame | null = null;
  while (!frame) {
    if (intake?.converts) return intake.take();
    frame = await slot.take();
    if (!frame && slot.isClosed) return null;
  }
  return {
    t: frame.t,
    captureTime: frame.captureTime,
    prepare: async (input) => {
      if (comparison) await comparison.measure(frame.source);
      const prepared = await input.prepare(frame.source);
      // Hand the camera its buffer back as soon as we hold our own copy.
      if (prepared.input !== frame.source) frame.close();
      return prepared;
    },
    close: () => frame.close(),
  };
}

async function init(options: InitOptions): Promise<void> {
  const initAt = epochNow();
  if (options.overlay) {
    const ctx = options.overlay.getContext('2d');
    if (ctx) overlay = { canvas: options.overlay, ctx, mirror: options.mirrorOverlay };
  }
  const initStart = performance.now();
  // The model files need no backend: read them while the backend starts.
  const modelFiles = fetchModel(options.modelUrl);
  modelFiles.catch(() => undefined); // awaited in loadMoveNet
  // A forced or remembered backend goes first whatever the probe says: start it at once and let
  // the GPU probe (only needed for the order otherwise, and for reporting) run alongside.
  const known = options.forceBackend ?? options.rememberedBackend;
  const start = (order: Backend[]) => initBackend(order, options.wasmPath, options.backendTimeoutMs, options.wasmThreads ?? null);
  // Without the probe: the known backend, then wasm, which runs everywhere.
  const starting = known
    ? start(options.forceBackend ? [options.forceBackend] : known === 'wasm' ? ['wasm'] : [known, 'wasm'])
    : null;
  starting?.catch(() => undefined); // awaited below
  const probing = probeGpu();
  let probe = known ? null : await probing;
  const probeMs = performance.now() - initStart;
  let choice;
  try {
    choice = await (starting ?? start(candidateOrder(probe!, options.rememberedBackend, options.forceBackend)));
  } catch (error) {
    fail('no-backend', error, true);
    return;
  }
  probe ??= await probing;
  frameInput = new FrameInput(options.frameInput ?? defaultFrameInput(choice.backend));
  if (options.compareInputs) comparison = new FrameInputComparison();
  intake?.configure(frameInput);
  const loadStart = performance.now();
  const backendMs = loadStart - initStart - probeMs;
  try {
    model = await loadMoveNet(modelFiles);
  } catch (error) {
    fail('model-load-failed', error, true);
    return;
  }
  const modelLoadMs = performance.now() - loadStart;
  const warmStart = performance.now();
  // A camera frame already waiting is the warm-up: a blank one first would only delay it by one
  // inference. Without one (a camera slower than the model), the blank warm-up fills the wait.
  // The intake's first frame is asked for now, and comes within a frame's time.
  if (intake?.converts) intake.firstFrame();
  const warmedUpOn = slot.waiting || intake?.converts ? 'first-frame' : 'blank';
  try {
    if (warmedUpOn === 'blank') await warmUp(model);
  } catch (error) {
    fail('model-load-failed', error, true);
    return;
  }
  post({
    type: 'ready',
    backend: choice.backend,
    threads: choice.threads,
    threadCount: choice.threadCount,
    renderer: probe.webglRenderer,
    gpu: probe.info,
    frameInput: frameInput.kind,
    probeMs,
    backendMs,
    modelLoadMs,
    warmupMs: performance.now() - warmStart,
    warmedUpOn,
    marks: { originAt: performance.timeOrigin, evaluatedAt, initAt },
  });
  void inferenceLoop(model, frameInput);
}

async function pumpStream(frames: ReadableStream<VideoFrame>): Promise<void> {
  streamReader = frames.getReader();
  try {
    for (;;) {
      const { value, done } = await streamReader.read();
      if (done) break;
      const captureTime = epochNow();
      receive({ source: value, t: value.timestamp / 1000, captureTime, close: () => value.close() });
    }
  } catch (error) {
    if (!stopped) fail('frame-source-failed', error, false);
  }
}

async function inferenceLoop(detector: MoveNet, input: FrameInput): Promise<void> {
  let failures = 0;
  for (;;) {
    const frame = await takeFrame();
    if (!frame) return;
    let prepared: PreparedInput | null = null;
    try {
      const started = performance.now();
      prepared = await frame.prepare(input);
      const prepMs = performance.now() - started;
      const keypoints = await detector.estimate(prepared.input, frame.t, prepared.scale);
      const inferenceMs = performance.now() - started - prepMs;
      const { width, height } = prepared;
      framesProcessed++;
      if (framesProcessed === 1 && intake?.converts) intake.stream();
      failures = 0;
      if (overlay && keypoints) overlayKeypoints.set(keypoints);
      const visible =
        keypoints !== null && keypointScore(keypoints, KP.left_shoulder) >= MIN_SCORE && keypointScore(keypoints, KP.right_shoulder) >= MIN_SCORE;
      post(
        {
          type: 'pose', t: frame.t, captureTime: frame.captureTime, keypoints, visible, width, height,
          inferenceMs, prepMs, workMs: performance.now() - started,
        },
        keypoints ? [keypoints.buffer] : [],
      );
      // The skeleton is drawn after the keypoints left, so the page never waits for it.
      if (overlay) {
        const drawStart = performance.now();
        drawSkeleton(overlay.canvas, overlay.ctx, keypoints ? overlayKeypoints : null, width, height, overlay.mirror);
        overlayMsTotal += performance.now() - drawStart;
        overlayDraws++;
      }
    } catch (error) {
      failures++;
      fail('inference-failed', error, failures >= MAX_CONSECUTIVE_FAILURES);
      if (failures >= MAX_CONSECUTIVE_FAILURES) return;
    } finally {
      prepared?.dispose();
      frame.close();
    }
  }
}

function stop(): void {
  stopped = true;
  slot.close();
  intake?.stop();
  void streamReader?.cancel().catch(() => undefined);
  model?.dispose();
  model = null;
  post({ type: 'stopped' });
}

self.onmessage = (event: MessageEvent<PageToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      void init(message.options);
      break;
    case 'attach-stream':
      void pumpStream(message.frames);
      break;
    case 'attach-intake':
      intake = new IntakeFrames(message.port);
      if (frameInput) intake.configure(frameInput);
      break;
    case 'frame': {
      const { bitmap, captureTime } = message;
      receive({ source: bitmap, t: captureTime, captureTime, close: () => bitmap.close() });
      break;
    }
    case 'stats':
      post({
        type: 'stats',
        id: message.id,
        ...tensorStats(),
        framesReceived: framesReceived + (intake?.counts.published ?? 0),
        framesDropped: slot.dropped + (intake?.counts.overwritten ?? 0),
        framesProcessed,
        firstFrameAt,
        overlayMsTotal,
        overlayDraws,
        inputCostMs: comparison?.ms ?? null,
      });
      break;
    case 'stop':
      stop();
      break;
    default:
      fail('bad-message', `unknown message ${JSON.stringify((message as { type?: unknown }).type)}`, false);
  }
};
