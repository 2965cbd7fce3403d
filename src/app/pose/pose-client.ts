/**
 * Page side of the pose worker: one worker per live run. Started with the camera, a ready
 * handshake (the transferred camera stream may flow before it: the worker keeps the newest frame
 * and runs its first inference on it), terminated on stop (or page hide, by the caller). A failed
 * start leaves nothing running.
 */
import {
  ALL_BACKENDS,
  type Backend,
  type ErrorMessage,
  type FrameInputKind,
  type PageToWorker,
  type PoseErrorCode,
  type PoseMessage,
  type ReadyMessage,
  type StatsMessage,
  type WorkerToPage,
} from '../../../workers/pose/protocol';
import { startFrameSource, trackProcessorAvailable, type FrameSource, type FrameSourceKind } from './frame-source';
import { readStored, store } from '../storage/web-storage';

const REMEMBERED_BACKEND_KEY = 'microbreak.pose.backend';
const READY_TIMEOUT_MS = 30_000;
const STATS_TIMEOUT_MS = 5_000;

export type PoseClientErrorCode = PoseErrorCode | 'worker-failed' | 'ready-timeout' | 'stats-timeout';

interface StatsRequest {
  resolve: (stats: StatsMessage) => void;
  reject: (error: PoseClientError) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class PoseClientError extends Error {
  constructor(readonly code: PoseClientErrorCode, detail: string, readonly fatal = true) {
    super(detail);
    this.name = 'PoseClientError';
  }
}

export interface PoseClientOptions {
  /**
   * The camera track; null to start the worker (model load, warm-up) while the camera opens, then
   * attachTrack(). A promise attaches the track as soon as the camera is open, even before the
   * worker is ready: its first frame waits there and is the warm-up.
   */
  track: MediaStreamTrack | Promise<MediaStreamTrack | null> | null;
  video: HTMLVideoElement;
  /** Canvas for the skeleton; it is handed to the worker (one canvas per client). */
  overlay: HTMLCanvasElement | null;
  mirror: boolean;
  forceBackend?: Backend | null;
  framePath?: FrameSourceKind;
  /** wasm thread pool size (bench, developer settings); null or absent: tfjs's default. */
  wasmThreads?: number | null;
  /** Forces the worker's frame → input strategy (bench); absent: the measured default. */
  frameInput?: FrameInputKind | null;
  /** Bench only: the worker also times every frame → input strategy. */
  compareInputs?: boolean;
  onPose: (pose: PoseMessage) => void;
  /** Errors after start (a failed start rejects instead). */
  onError: (error: PoseClientError) => void;
  /** Main-thread ms per frame spent by the fallback frame path (for the bench). */
  onFrameWork?: (ms: number) => void;
  /** Main-thread ms the page spent handling each pose message (for the bench). */
  onPoseHandled?: (ms: number) => void;
  /** Replaces the default frame path (the bench's serial peer); gets the worker's post function. */
  frameSource?: (post: (message: PageToWorker, transfer: Transferable[]) => void) => FrameSource;
}

export function rememberedBackend(): Backend | null {
  const value = readStored(REMEMBERED_BACKEND_KEY);
  return ALL_BACKENDS.includes(value as Backend) ? (value as Backend) : null;
}

export class PoseClient {
  private worker: Worker;
  private frameSource: FrameSource | null = null;
  /** Stats requests by id: each answered by its own reply, or rejected on timeout, error or stop. */
  private statsRequests = new Map<number, StatsRequest>();
  private lastStatsId = 0;
  private track: MediaStreamTrack | null;
  /** Rejects a handshake still waiting when the client is stopped. */
  private cancelHandshake: (() => void) | null = null;
  private stopped = false;
  ready: ReadyMessage | null = null;

  private constructor(private readonly options: PoseClientOptions) {
    this.track = options.track instanceof Promise ? null : options.track;
    if (options.track instanceof Promise) {
      options.track.then((track) => { if (track) this.attachTrack(track); }, () => undefined);
    }
    this.worker = new Worker(new URL('../../../workers/pose/pose.worker.ts', import.meta.url), {
      type: 'module',
      name: 'pose',
    });
  }

  /** Resolves once the worker is ready; `signal` ends a start nobody needs any more (the worker is terminated at once). */
  static async start(options: PoseClientOptions, signal?: AbortSignal): Promise<PoseClient> {
    const client = new PoseClient(options);
    const abort = () => client.stop();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      if (signal?.aborted) client.stop();
      await client.handshake();
    } catch (error) {
      client.stop();
      throw error;
    } finally {
      signal?.removeEventListener('abort', abort);
    }
    return client;
  }

  /** Gives a client started without a track its camera; frames flow once the worker is ready too. */
  attachTrack(track: MediaStreamTrack): void {
    if (this.stopped || this.track) return;
    this.track = track;
    this.startFrames();
  }

  private startFrames(): void {
    const { options } = this;
    if (this.frameSource || !this.track || this.stopped) return;
    // The transferred stream costs the page nothing and the worker keeps only the newest frame, so
    // it may flow before the worker is ready; the other paths cost the page per frame: after ready.
    const early = !options.frameSource && options.framePath !== 'video-frame-callback' && trackProcessorAvailable();
    if (!this.ready && !early) return;
    this.frameSource = options.frameSource
      ? options.frameSource((m, transfer) => this.post(m, transfer))
      : startFrameSource({
          track: this.track,
          video: options.video,
          post: (m, transfer) => this.post(m, transfer),
          prefer: options.framePath,
          onError: (detail) => { if (!this.stopped) options.onError(new PoseClientError('worker-failed', detail)); },
          onFrameWork: options.onFrameWork,
        });
  }

  get frameSourceKind(): FrameSourceKind | null {
    return this.frameSource?.kind ?? null;
  }

  private post(message: PageToWorker, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private handshake(): Promise<void> {
    const { options } = this;
    return new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new PoseClientError('ready-timeout', `pose worker not ready after ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
      const settle = (error: PoseClientError | null) => {
        clearTimeout(timeout);
        this.cancelHandshake = null;
        if (error) reject(error);
        else resolve();
      };
      if (this.stopped) { settle(new PoseClientError('worker-failed', 'stopped before the worker was ready')); return; }
      this.cancelHandshake = () => settle(new PoseClientError('worker-failed', 'stopped before the worker was ready'));
      this.worker.onerror = (event) => {
        event.preventDefault();
        const error = new PoseClientError('worker-failed', event.message || 'the pose worker could not start');
        this.rejectStats(error);
        if (this.ready) options.onError(error);
        else settle(error);
      };
      this.worker.onmessage = (event: MessageEvent<WorkerToPage>) => {
        const message = event.data;
        switch (message.type) {
          case 'pose':
            if (options.onPoseHandled) {
              const started = performance.now();
              options.onPose(message);
              options.onPoseHandled(performance.now() - started);
            } else {
              options.onPose(message);
            }
            break;
          case 'ready':
            this.ready = message;
            store(REMEMBERED_BACKEND_KEY, message.backend);
            this.startFrames();
            settle(null);
            break;
          case 'stats': {
            const request = this.statsRequests.get(message.id);
            this.statsRequests.delete(message.id);
            if (request) { clearTimeout(request.timer); request.resolve(message); }
            break;
          }
          case 'error':
            this.handleError(message, settle);
            break;
          case 'stopped':
            break;
        }
      };
      const overlay = options.overlay?.transferControlToOffscreen() ?? null;
      this.post(
        {
          type: 'init',
          options: {
            modelUrl: new URL(`${import.meta.env.BASE_URL}models/movenet-lightning.json`, location.href).href,
            wasmPath: new URL(`${import.meta.env.BASE_URL}wasm/`, location.href).href,
            rememberedBackend: rememberedBackend(),
            forceBackend: options.forceBackend ?? null,
            backendTimeoutMs: 10_000,
            overlay,
            mirrorOverlay: options.mirror,
            wasmThreads: options.wasmThreads ?? null,
            frameInput: options.frameInput ?? null,
            compareInputs: options.compareInputs ?? false,
          },
        },
        overlay ? [overlay] : [],
      );
    });
  }

  private handleError(message: ErrorMessage, settle: (error: PoseClientError | null) => void): void {
    const error = new PoseClientError(message.code, message.detail, message.fatal);
    if (message.fatal) this.rejectStats(error);
    if (!this.ready) settle(error);
    else this.options.onError(error);
  }

  /** Tensors, heap-relevant counts and frame counters from inside the worker. */
  stats(timeoutMs = STATS_TIMEOUT_MS): Promise<StatsMessage> {
    return new Promise((resolve, reject) => {
      if (this.stopped) throw new PoseClientError('worker-failed', 'the pose client has stopped');
      const id = ++this.lastStatsId;
      const timer = setTimeout(() => {
        this.statsRequests.delete(id);
        reject(new PoseClientError('stats-timeout', `no stats from the pose worker after ${timeoutMs} ms`, false));
      }, timeoutMs);
      this.statsRequests.set(id, { resolve, reject, timer });
      this.post({ type: 'stats', id });
    });
  }

  private rejectStats(error: PoseClientError): void {
    for (const request of this.statsRequests.values()) {
      clearTimeout(request.timer);
      request.reject(error);
    }
    this.statsRequests.clear();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelHandshake?.();
    this.rejectStats(new PoseClientError('worker-failed', 'the pose client has stopped'));
    this.frameSource?.stop();
    this.post({ type: 'stop' });
    this.worker.terminate();
  }
}
