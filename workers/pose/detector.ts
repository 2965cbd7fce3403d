/**
 * MoveNet Lightning through pose-detection, loaded from our own copy of the weights. Also runs in
 * Node for `npm run eval:motion` (tensor frames, weights from a tfjs IO handler), so it touches no
 * worker-only API except in the default warm-up frame.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as poseDetection from '@tensorflow-models/pose-detection';
import { KEYPOINT_COUNT, VALUES_PER_KEYPOINT } from '../../src/core/pose/keypoints';
import { MOVENET_CONFIG, MOVENET_MODEL, WARM_UP_SIZE } from './config';

/** A bitmap tfjs reads itself, or an int32 [h, w, 3] RGB tensor we built (frame-input.ts; offline, what fromPixels makes of a bitmap). */
export type PoseInput = ImageBitmap | tf.Tensor3D;

export interface MoveNet {
  /**
   * Keypoints as a flat Float32Array, or null when no person is in the frame. `scale` multiplies
   * x and y (an input smaller than the camera frame reports in frame pixels).
   */
  estimate(input: PoseInput, timestampMs: number, scale?: number): Promise<Float32Array | null>;
  reset(): void;
  dispose(): void;
}

/**
 * Fetches the model files (JSON + weights) without needing a backend, so the download/cache read
 * can overlap the backend's start-up; hand the result to loadMoveNet.
 */
export function fetchModel(modelUrl: string): Promise<tf.io.ModelArtifacts> {
  const handler = tf.io.http(modelUrl);
  if (!handler.load) throw new Error('no HTTP model loader');
  return handler.load();
}

/** `model`: the model.json URL, the files fetchModel is reading, or an IO handler over local files offline. */
export async function loadMoveNet(model: string | tf.io.IOHandler | Promise<tf.io.ModelArtifacts>): Promise<MoveNet> {
  const modelUrl = model instanceof Promise ? tf.io.fromMemory(await model) : model;
  const detector = await poseDetection.createDetector(MOVENET_MODEL, { ...MOVENET_CONFIG, modelUrl });
  return {
    async estimate(input, timestampMs, scale = 1) {
      const poses = await detector.estimatePoses(input, undefined, timestampMs);
      const pose = poses[0];
      if (!pose) return null;
      const out = new Float32Array(KEYPOINT_COUNT * VALUES_PER_KEYPOINT);
      pose.keypoints.forEach((kp, i) => {
        out[i * VALUES_PER_KEYPOINT] = kp.x * scale;
        out[i * VALUES_PER_KEYPOINT + 1] = kp.y * scale;
        out[i * VALUES_PER_KEYPOINT + 2] = kp.score ?? 0;
      });
      return out;
    },
    reset: () => detector.reset(),
    dispose: () => detector.dispose(),
  };
}

/**
 * One inference on a blank frame, then reset: compiles shaders / primes wasm before the game
 * says "go", and leaves no smoothing state behind.
 */
export async function warmUp(model: MoveNet, blank: PoseInput = blackBitmap(WARM_UP_SIZE)): Promise<void> {
  try {
    await model.estimate(blank, 0);
  } finally {
    if (blank instanceof tf.Tensor) blank.dispose();
    else blank.close();
    model.reset();
  }
}

/** An all-black frame (as int32 RGB: all zeros, the same input as `blackTensor`). */
function blackBitmap(size: number): ImageBitmap {
  const canvas = new OffscreenCanvas(size, size);
  canvas.getContext('2d')?.fillRect(0, 0, size, size);
  return canvas.transferToImageBitmap();
}

/** The offline warm-up frame: the same black square as the worker's, as a tensor. */
export function blackTensor(size = WARM_UP_SIZE): tf.Tensor3D {
  return tf.zeros([size, size, 3], 'int32');
}

export function tensorStats(): { numTensors: number; numBytes: number } {
  const { numTensors, numBytes } = tf.memory();
  return { numTensors, numBytes };
}
