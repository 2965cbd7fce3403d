/**
 * The live camera pipeline: camera → pose worker → keypoints. Owns turning the camera on and
 * off (stop, page hidden, camera lost, worker failure) so the UI only renders signals.
 */
import { createModel, signal } from '@preact/signals';
import { openCamera, type OpenCamera } from '../camera/camera';
import { CameraError, toCameraError, type CameraErrorCode } from '../camera/camera-errors';
import type { FrameSourceKind } from '../pose/frame-source';
import { PoseClient, PoseClientError, type PoseClientErrorCode } from '../pose/pose-client';
import type { Backend, FrameInputKind, PoseMessage, ReadyMessage } from '../../../workers/pose/protocol';

export type LiveStatus = 'idle' | 'starting' | 'live' | 'error' | 'stopped' | 'paused-hidden' | 'paused-empty';
export type LiveError =
  | { source: 'camera'; code: CameraErrorCode; detail: string }
  | { source: 'pose'; code: PoseClientErrorCode; detail: string };

export interface StartRequest {
  video: HTMLVideoElement;
  overlay: HTMLCanvasElement | null;
  deviceId: string | null;
  width: number;
  height: number;
  forceBackend?: Backend | null;
  framePath?: FrameSourceKind;
  wasmThreads?: number | null;
  frameInput?: FrameInputKind | null;
  compareInputs?: boolean;
  /** Bench instrumentation: main-thread ms per pose message and per fallback frame. */
  onPoseHandled?: (ms: number) => void;
  onFrameWork?: (ms: number) => void;
}

/** Listeners that get every pose (games, trace recorder). Keep them cheap: they run per frame. */
type PoseListener = (pose: PoseMessage) => void;

/** Read-only figures for tests and the developer view; plain fields so updating them costs nothing. */
const newLiveDebug = () => ({
  posesReceived: 0,
  lastPose: null as PoseMessage | null,
  backend: null as Backend | null,
  threads: false,
  /** The worker's ready message (backend, GPU info, input strategy), for the bench and developer view. */
  ready: null as ReadyMessage | null,
  frameSource: null as string | null,
  firstPoseMs: null as number | null,
  /** Start-up timeline of the latest start, ms after Start (bench, developer view). */
  startMarks: {} as Partial<Record<'camera' | 'play' | 'ready' | 'firstPose', number>>,
  /** The first pose of the latest start (its prepMs/inferenceMs show what the first frame cost). */
  firstPose: null as PoseMessage | null,
  /** Epoch ms of the latest Start, to place the worker's own marks (epoch) on that timeline. */
  startEpoch: 0,
});
export type LiveDebug = ReturnType<typeof newLiveDebug>;

export const LiveModel = createModel(() => {
  const liveStatus = signal<LiveStatus>('idle');
  const liveError = signal<LiveError | null>(null);
  const cameraOn = signal(false);
  const personVisible = signal(false);
  const trackingRate = signal<{ fps: number; backend: Backend | null }>({ fps: 0, backend: null });
  /** Size of the frames being tracked (set when it changes, not per frame). */
  const frameSize = signal<{ width: number; height: number } | null>(null);

  const liveDebug = newLiveDebug();
  /** An array, walked by index: the per-pose loop allocates nothing (no iterator), so it never triggers GC work. */
  let poseListeners: PoseListener[] = [];
  function onPose(listener: PoseListener): () => void {
    poseListeners = [...poseListeners, listener];
    return () => { poseListeners = poseListeners.filter((l) => l !== listener); };
  }

  let camera: OpenCamera | null = null;
  let pose: PoseClient | null = null;
  let rateTimer: ReturnType<typeof setInterval> | null = null;
  let startGeneration = 0;

  /** Runs on the page for every pose (issue 14: ≤ 0.05 ms p95): plain field writes, signals only on change. */
  function handlePose(message: PoseMessage, startedAt: number): void {
    liveDebug.posesReceived++;
    liveDebug.lastPose = message;
    if (liveDebug.firstPoseMs === null) {
      liveDebug.startMarks.firstPose = liveDebug.firstPoseMs = performance.now() - startedAt;
      liveDebug.firstPose = message;
    }
    const size = frameSize.peek();
    if (!size || size.width !== message.width || size.height !== message.height) {
      frameSize.value = { width: message.width, height: message.height };
    }
    // Shoulders in view (decided in the worker) is what every game needs first.
    if (message.visible !== personVisible.peek()) personVisible.value = message.visible;
    const listeners = poseListeners;
    for (let i = 0; i < listeners.length; i++) listeners[i](message);
  }

  async function startLive(request: StartRequest): Promise<void> {
    release(); // ends any earlier live run without announcing a stop (a game waiting for this camera must not end)
    const generation = ++startGeneration;
    liveStatus.value = 'starting';
    liveError.value = null;
    liveDebug.firstPoseMs = null;
    liveDebug.posesReceived = 0;
    liveDebug.startMarks = {};
    const startedAt = performance.now();
    liveDebug.startEpoch = performance.timeOrigin + startedAt;
    const mark = (name: 'camera' | 'play' | 'ready') => { if (generation === startGeneration) liveDebug.startMarks[name] = performance.now() - startedAt; };
    // The worker probes, loads the model and warms up while the camera opens: the two waits overlap,
    // and the camera's frames reach the worker as soon as it is open (the first one is the warm-up).
    const opening = openCamera(
      { deviceId: request.deviceId, width: request.width, height: request.height },
      (error) => fail({ source: 'camera', code: error.code, detail: error.message }),
    );
    const cancelStart = new AbortController();
    const starting = PoseClient.start({
      track: opening.then((c) => (generation === startGeneration ? c.track : null), () => null),
      video: request.video,
      overlay: request.overlay,
      mirror: false, // the overlay canvas is mirrored by CSS together with the video
      forceBackend: request.forceBackend ?? null,
      framePath: request.framePath,
      wasmThreads: request.wasmThreads ?? null,
      frameInput: request.frameInput ?? null,
      compareInputs: request.compareInputs ?? false,
      onPoseHandled: request.onPoseHandled,
      onFrameWork: request.onFrameWork,
      onPose: (message) => handlePose(message, startedAt),
      onError: (error) => {
        if (error.fatal) fail({ source: 'pose', code: error.code, detail: error.message });
      },
    }, cancelStart.signal);
    starting.then(() => mark('ready'), () => undefined); // awaited below; a camera error may come first
    let client: PoseClient | null = null;
    try {
      camera = await opening;
      mark('camera');
      cameraOn.value = true;
      request.video.srcObject = camera.stream;
      await request.video.play().catch(() => undefined); // autoplay of a muted stream; the picture is optional for tracking
      mark('play');
      if (generation !== startGeneration) return;
      client = await starting;
      if (generation !== startGeneration) return;
      pose = client;
      pose.attachTrack(camera.track);
      liveDebug.backend = pose.ready?.backend ?? null;
      liveDebug.threads = pose.ready?.threads ?? false;
      liveDebug.ready = pose.ready;
      liveDebug.frameSource = pose.frameSourceKind;
      liveStatus.value = 'live';
      startRateMeter();
    } catch (error) {
      if (generation !== startGeneration) return;
      if (error instanceof PoseClientError) fail({ source: 'pose', code: error.code, detail: error.message });
      else {
        const cameraError = error instanceof CameraError ? error : toCameraError(error);
        fail({ source: 'camera', code: cameraError.code, detail: cameraError.message });
      }
    } finally {
      // A client nobody took (camera failed, or a newer start/stop came first) must not keep running:
      // a worker still starting is terminated at once, a ready one is stopped.
      if (!client || client !== pose) {
        cancelStart.abort();
        void starting.then((s) => { if (s !== pose) s.stop(); }, () => undefined);
      }
    }
  }

  function startRateMeter(): void {
    let last = liveDebug.posesReceived;
    rateTimer = setInterval(() => {
      const now = liveDebug.posesReceived;
      trackingRate.value = { fps: now - last, backend: liveDebug.backend };
      last = now;
    }, 1000);
  }

  function release(): void {
    startGeneration++;
    if (rateTimer) clearInterval(rateTimer);
    rateTimer = null;
    pose?.stop();
    pose = null;
    camera?.close();
    camera = null;
    cameraOn.value = false;
    personVisible.value = false;
  }

  function fail(error: LiveError): void {
    release();
    liveError.value = error;
    liveStatus.value = 'error';
  }

  /** Turns the camera off and ends the worker. `reason` tells the UI what to say. */
  function stopLive(reason: 'stopped' | 'paused-hidden' | 'paused-empty' = 'stopped'): void {
    const wasActive = camera !== null || pose !== null || liveStatus.value === 'starting';
    release();
    if (wasActive) liveStatus.value = reason;
  }

  /** The camera must never stay on behind the user's back: hiding the page ends it. */
  function installVisibilityGuard(): void {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden' && (liveStatus.value === 'live' || liveStatus.value === 'starting')) {
        stopLive('paused-hidden');
      }
    });
    window.addEventListener('pagehide', () => stopLive('paused-hidden'));
  }

  return {
    status: liveStatus, error: liveError, cameraOn, personVisible, trackingRate, frameSize,
    start: startLive, stop: stopLive, onPose, installVisibilityGuard,
    poseStats: () => pose?.stats() ?? Promise.resolve(null),
    /** Play asked for the camera: the live panel that starts it is shown at once. */
    announceStart(): void {
      liveStatus.value = 'starting';
    },
    /** The figures object itself (kept, not copied): the bench and browser tests read it as it changes. */
    debug: (): LiveDebug => liveDebug,
  };
});
export type LiveModel = InstanceType<typeof LiveModel>;
