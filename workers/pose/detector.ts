/** MoveNet Lightning through pose-detection, loaded from our own copy of the weights. */
import * as tf from '@tensorflow/tfjs-core';
import * as poseDetection from '@tensorflow-models/pose-detection';
import { KEYPOINT_COUNT, VALUES_PER_KEYPOINT } from '../../src/core/pose/keypoints';

/** A bitmap tfjs reads itself, or an int32 [h, w, 3] tensor we built (see frame-input.ts). */
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

export async function loadMoveNet(model: string | Promise<tf.io.ModelArtifacts>): Promise<MoveNet> {
  const modelUrl = typeof model === 'string' ? model : tf.io.fromMemory(await model);
  const detector = await poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, {
    modelType: poseDetection.movenet.modelType.SINGLEPOSE_LIGHTNING,
    modelUrl,
    // One Euro smoothing only runs when estimatePoses gets a timestamp (we always pass one).
    enableSmoothing: true,
  });
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
export async function warmUp(model: MoveNet, width = 192, height = 192): Promise<void> {
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d')?.fillRect(0, 0, width, height);
  const bitmap = canvas.transferToImageBitmap();
  try {
    await model.estimate(bitmap, 0);
  } finally {
    bitmap.close();
    model.reset();
  }
}

export function tensorStats(): { numTensors: number; numBytes: number } {
  const { numTensors, numBytes } = tf.memory();
  return { numTensors, numBytes };
}
