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

export const devOptions = {
  forceBackend: backendParam(),
  framePath: frameParam(),
};
