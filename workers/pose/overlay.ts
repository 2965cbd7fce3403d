/** Draws the skeleton on the page's transferred canvas, so the page does no per-frame drawing. */
import { MIN_SCORE } from '../../src/core/pose/body';
import { KEYPOINT_COUNT, SKELETON_EDGES, VALUES_PER_KEYPOINT } from '../../src/core/pose/keypoints';

export function drawSkeleton(
  canvas: OffscreenCanvas,
  ctx: OffscreenCanvasRenderingContext2D,
  keypoints: Float32Array | null,
  width: number,
  height: number,
  mirror: boolean,
): void {
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width, height);
  if (!keypoints) return;
  if (mirror) ctx.setTransform(-1, 0, 0, 1, width, 0);
  const lineWidth = Math.max(2, width / 160);
  ctx.lineWidth = lineWidth;
  ctx.lineCap = 'round';
  ctx.strokeStyle = '#2de2a6';
  ctx.beginPath();
  for (const [a, b] of SKELETON_EDGES) {
    const ia = a * VALUES_PER_KEYPOINT;
    const ib = b * VALUES_PER_KEYPOINT;
    if (keypoints[ia + 2] < MIN_SCORE || keypoints[ib + 2] < MIN_SCORE) continue;
    ctx.moveTo(keypoints[ia], keypoints[ia + 1]);
    ctx.lineTo(keypoints[ib], keypoints[ib + 1]);
  }
  ctx.stroke();
  ctx.fillStyle = '#ffffff';
  ctx.beginPath();
  for (let i = 0; i < KEYPOINT_COUNT; i++) {
    const o = i * VALUES_PER_KEYPOINT;
    if (keypoints[o + 2] < MIN_SCORE) continue;
    ctx.moveTo(keypoints[o] + lineWidth * 1.6, keypoints[o + 1]);
    ctx.arc(keypoints[o], keypoints[o + 1], lineWidth * 1.6, 0, Math.PI * 2);
  }
  ctx.fill();
}
