/** The 17 MoveNet keypoints, in model output order. The order is part of pose-trace/1. */
export const KEYPOINT_NAMES = [
  'nose',
  'left_eye',
  'right_eye',
  'left_ear',
  'right_ear',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
] as const;

export type KeypointName = (typeof KEYPOINT_NAMES)[number];
export const KEYPOINT_COUNT = KEYPOINT_NAMES.length;
/** x, y, score per keypoint. */
export const VALUES_PER_KEYPOINT = 3;
export const POSE_VECTOR_LENGTH = KEYPOINT_COUNT * VALUES_PER_KEYPOINT;

export const KP: Readonly<Record<KeypointName, number>> = Object.freeze(
  Object.fromEntries(KEYPOINT_NAMES.map((name, i) => [name, i])) as Record<KeypointName, number>,
);

/**
 * One pose as a flat vector [x0, y0, s0, x1, y1, s1, …] in pixels of the source frame.
 * Flat so the worker can transfer it without per-keypoint objects.
 */
export type PoseVector = ArrayLike<number>;

export function keypointX(pose: PoseVector, index: number): number {
  return pose[index * VALUES_PER_KEYPOINT];
}
export function keypointY(pose: PoseVector, index: number): number {
  return pose[index * VALUES_PER_KEYPOINT + 1];
}
export function keypointScore(pose: PoseVector, index: number): number {
  return pose[index * VALUES_PER_KEYPOINT + 2];
}

/** Bones drawn for the skeleton overlay (pairs of keypoint indices). */
export const SKELETON_EDGES: ReadonlyArray<readonly [number, number]> = [
  [KP.left_ear, KP.left_eye],
  [KP.left_eye, KP.nose],
  [KP.nose, KP.right_eye],
  [KP.right_eye, KP.right_ear],
  [KP.left_shoulder, KP.right_shoulder],
  [KP.left_shoulder, KP.left_elbow],
  [KP.left_elbow, KP.left_wrist],
  [KP.right_shoulder, KP.right_elbow],
  [KP.right_elbow, KP.right_wrist],
  [KP.left_shoulder, KP.left_hip],
  [KP.right_shoulder, KP.right_hip],
  [KP.left_hip, KP.right_hip],
  [KP.left_hip, KP.left_knee],
  [KP.left_knee, KP.left_ankle],
  [KP.right_hip, KP.right_knee],
  [KP.right_knee, KP.right_ankle],
];
