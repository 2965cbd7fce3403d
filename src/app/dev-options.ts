/**
 * Developer/test switches read from the URL (?backend=webgl&frames=video-frame-callback).
 * They change how tracking runs, never what data leaves the device.
 */
import { ALL_BACKENDS, type Backend } from '../../workers/pose/protocol';
import type { FrameSourceKind } from './pose/frame-source';

const params = new URLSearchParams(location.search);

function backendParam(): Backend | null {
  const value = params.get('backend');
  return ALL_BACKENDS.includes(value as Backend) ? (value as Backend) : null;
}

function frameParam(): FrameSourceKind | undefined {
  const value = params.get('frames');
  return value === 'video-frame-callback' || value === 'track-processor' ? value : undefined;
}

/** Play length override in seconds (tests); the UI offers 1–3 minutes. */
function durationParam(): number | null {
  const value = Number(params.get('duration'));
  return Number.isFinite(value) && value >= 5 && value <= 600 ? value : null;
}

/** Seconds without a person in view before a game ends and the camera turns off (tests shorten it). */
function idleParam(): number | null {
  const value = Number(params.get('idle'));
  return Number.isFinite(value) && value >= 2 && value <= 600 ? value : null;
}

export const devOptions = {
  idleSeconds: idleParam(),
  forceBackend: backendParam(),
  framePath: frameParam(),
  durationSeconds: durationParam(),
  /** Developer mode: offers recording a keypoint trace of a session (never images). */
  developer: params.get('dev') === '1',
};
