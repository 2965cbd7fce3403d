/**
 * The camera on the page: open it with a device and resolution choice, list devices, and notice
 * when it goes away. Every failure becomes a CameraError with a code the UI can explain.
 */
import { CameraError, toCameraError } from './camera-errors';

export interface CameraRequest {
  deviceId?: string | null;
  width: number;
  height: number;
  frameRate?: number;
}

export interface OpenCamera {
  stream: MediaStream;
  track: MediaStreamTrack;
  width: number;
  height: number;
  deviceId: string | null;
  label: string;
  /** Stops the track (turns the camera light off). Safe to call twice. */
  close(): void;
}

export const RESOLUTIONS = [
  { id: '640x480', width: 640, height: 480 },
  { id: '1280x720', width: 1280, height: 720 },
] as const;

export async function openCamera(request: CameraRequest, onLost: (error: CameraError) => void): Promise<OpenCamera> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new CameraError('insecure', 'navigator.mediaDevices.getUserMedia is unavailable (needs https or localhost)');
  }
  const video: MediaTrackConstraints = {
    width: { ideal: request.width },
    height: { ideal: request.height },
    frameRate: { ideal: request.frameRate ?? 30 },
    facingMode: 'user',
  };
  if (request.deviceId) video.deviceId = { exact: request.deviceId };
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video, audio: false });
  } catch (error) {
    throw toCameraError(error);
  }
  const track = stream.getVideoTracks()[0];
  if (!track) {
    stream.getTracks().forEach((t) => t.stop());
    throw new CameraError('not-found', 'the stream has no video track');
  }
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    track.removeEventListener('ended', onEnded);
    stream.getTracks().forEach((t) => t.stop());
  };
  // 'ended' fires when the device is unplugged or the OS/another app takes it away, never on our own stop().
  const onEnded = () => {
    if (closed) return;
    close();
    onLost(new CameraError('unplugged', 'the camera track ended'));
  };
  track.addEventListener('ended', onEnded);
  const settings = track.getSettings();
  return {
    stream,
    track,
    width: settings.width ?? request.width,
    height: settings.height ?? request.height,
    deviceId: settings.deviceId ?? null,
    label: track.label,
    close,
  };
}

export interface CameraDevice { deviceId: string; label: string }

/** Cameras the browser will name; labels are empty until permission was granted once. */
export async function listCameras(): Promise<CameraDevice[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'videoinput')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}
