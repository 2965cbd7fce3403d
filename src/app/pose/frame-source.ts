/**
 * How camera frames reach the pose worker.
 * - Chromium: a MediaStreamTrackProcessor's readable stream is transferred once; from then on the
 *   page does no work per frame.
 * - Elsewhere: requestVideoFrameCallback on the preview video, createImageBitmap, transfer. The
 *   worker still keeps only the newest frame.
 */
import { epochNow, type PageToWorker } from '../../../workers/pose/protocol';

export type FrameSourceKind = 'track-processor' | 'video-frame-callback' | 'serial-bitmap';

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
  /** Called with the main-thread time spent per frame (fallback only; the stream path has none). */
  onFrameWork?: (ms: number) => void;
}

export function startFrameSource(options: FrameSourceOptions): FrameSource {
  const wantsProcessor = options.prefer !== 'video-frame-callback';
  if (wantsProcessor && trackProcessorAvailable()) {
    const Processor = (globalThis as unknown as { MediaStreamTrackProcessor: TrackProcessorCtor }).MediaStreamTrackProcessor;
    // Our reader drains it continuously, so a buffer of one keeps the browser from queueing frames.
    const { readable } = new Processor({ track: options.track, maxBufferSize: 1 });
    options.post({ type: 'attach-stream', frames: readable }, [readable]);
    return { kind: 'track-processor', stop: () => undefined };
  }
  return startVideoFrameCallbackSource(options);
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
