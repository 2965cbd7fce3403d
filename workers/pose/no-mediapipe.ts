/**
 * pose-detection imports @mediapipe/pose for its BlazePose "mediapipe" runtime, which we never
 * use (MoveNet on tfjs only). The bundler maps that import here so no mediapipe code ships.
 */
export class Pose {
  constructor() {
    throw new Error('the @mediapipe/pose runtime is not bundled; use MoveNet or BlazePose with runtime "tfjs"');
  }
}
