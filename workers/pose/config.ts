/**
 * The one MoveNet configuration. The pose worker and the offline accuracy bench
 * (`npm run eval:motion`) both build their detector from this, so the bench measures what ships.
 */
import * as poseDetection from '@tensorflow-models/pose-detection';

export const MOVENET_MODEL = poseDetection.SupportedModels.MoveNet;

export const MOVENET_CONFIG = {
  modelType: poseDetection.movenet.modelType.SINGLEPOSE_LIGHTNING,
  // One Euro smoothing only runs when estimatePoses gets a timestamp (we always pass one, in ms).
  enableSmoothing: true,
} as const satisfies poseDetection.MoveNetModelConfig;

/** Side of the blank frame the warm-up inference runs on (the model's own input size). */
export const WARM_UP_SIZE = 192;
