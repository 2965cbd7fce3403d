/**
 * How camera frames reach the pose worker.
 * - Chromium: a MediaStreamTrackProcessor's readable stream is transferred once; from then on the
 *   page does no work per frame. Cross-origin isolated, it goes to an intake worker that reads it
 *   while the pose worker runs the model, and hands frames over through shared memory
 *   (workers/pose/intake.worker.ts); else to the pose worker, which reads it between inferences.
 * - Elsewhere: requestVideoFrameCallback on the preview video, createImageBitmap, transfer. The
 *   worker still keeps only the newest frame.
 */
import { epochNow, type PageToWorker } from '../../../workers/pose/protocol';
import type { PageToIntake } from '../../../workers/pose/intake-protocol';

export type FrameSourceKind = 'intake-worker' | 'track-processor' | 'video-frame-callback' | 'serial-bitmap';

interface TrackProcessorCtor {
  new (init: { track: MediaStreamTrack; maxBufferSize?: number }): { readable: ReadableStream<VideoFrame> };
}

export function trackProcessorAvailable(): boolean {
  return typeof (globalThis as { MediaStreamTrackProcessor?: unknown }).MediaStreamTrackProcessor === 'function';
}

export interface FrameSource {
  kind: FrameSourceKind;
  stop(): void;
}

export interface FrameSourceOptions {
  track: MediaStreamTrack;
  video: HTMLVideoElement;
  post: (message: PageToWorker, transfer: Transferable[]) => void;
  prefer?: FrameSourceKind;
  /** The intake worker could not start or crashed (frames stop). */
  onError?: (detail: string) => void;
  /** Called with the main-thread time spent per frame (fallback only; the stream path has none). */
  onFrameWork?: (ms: number) => void;
}

export function startFrameSource(options: FrameSourceOptions): FrameSource {
  const wantsProcessor = options.prefer !== 'video-frame-callback';
  if (wantsProcessor && trackProcessorAvailable()) {
    const Processor = (globalThis as unknown as { MediaStreamTrackProcessor: TrackProcessorCtor }).MediaStreamTrackProcessor;
    // A buffer of one: frames that came while nobody read are stale; only the newest is wanted.
    const { readable } = new Processor({ track: options.track, maxBufferSize: 1 });
    // 'track-processor' asked for by name: the pose worker reads the stream itself (bench, tests).
    if (options.prefer !== 'track-processor' && crossOriginIsolated) return startIntake(readable, options);
    options.post({ type: 'attach-stream', frames: readable }, [readable]);
    return { kind: 'track-processor', stop: () => undefined };
  }
  return startVideoFrameCallbackSource(options);
}

function startIntake(frames: ReadableStream<VideoFrame>, { post, onError }: FrameSourceOptions): FrameSource {
  const intake = new Worker(new URL('../../../workers/pose/intake.worker.ts', import.meta.url), { type: 'module', name: 'pose-intake' });
  intake.onerror = (event) => {
    event.preventDefault();
    onError?.(event.message || 'the camera intake worker could not start');
  };
  const channel = new MessageChannel();
  const start: PageToIntake = { type: 'start', frames, port: channel.port1 };
  intake.postMessage(start, [frames, channel.port1]);
  post({ type: 'attach-intake', port: channel.port2 }, [channel.port2]);
  return {
    kind: 'intake-worker',
    stop: () => intake.postMessage({ type: 'stop' } satisfies PageToIntake),
  };
}

function startVideoFrameCallbackSource({ video, post, onFrameWork }: FrameSourceOptions): FrameSource {
  let active = true;
  let handle = 0;
  const onFrame: VideoFrameRequestCallback = (_now, metadata) => {
    if (!active) return;
    const started = performance.now();
    // captureTime is on the page's performance clock; convert to epoch ms for the protocol.
    const captureTime = metadata.captureTime !== undefined ? performance.timeOrigin + metadata.captureTime : epochNow();
    createImageBitmap(video).then(
      (bitmap) => {
        if (!active) { bitmap.close(); return; }
        post({ type: 'frame', bitmap, captureTime }, [bitmap]);
        onFrameWork?.(performance.now() - started);
      },
      () => undefined, // a frame that cannot be copied (video not ready) is simply skipped
    );
    handle = video.requestVideoFrameCallback(onFrame);
  };
  handle = video.requestVideoFrameCallback(onFrame);
  return {
    kind: 'video-frame-callback',
    stop() {
      active = false;
      video.cancelVideoFrameCallback(handle);
    },
  };
}
