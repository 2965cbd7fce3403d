/**
 * What of the camera picture the person actually sees, and reach targets placed inside it. The play
 * screen fills the window, so the picture is scaled to cover it (cropped) or to fit (letterboxed)
 * and shown mirrored; a target outside the shown part, or one beyond arm's length, cannot be hit.
 */
import { dist, type Pt } from '../pose/body';

/** A rectangle in camera-frame pixels (unmirrored keypoint coordinates). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The element (box) showing a frame-sized picture with CSS object-fit (centred), in frame pixels:
 * with 'cover' it lies inside the frame (the sides that overflow are cropped), with 'contain' it
 * reaches past the frame (the letterbox bars).
 */
export function boxInFrame(frame: { width: number; height: number }, box: { width: number; height: number }, fit: 'cover' | 'contain'): Rect {
  if (!(box.width > 0 && box.height > 0)) return { x: 0, y: 0, width: frame.width, height: frame.height };
  const sx = box.width / frame.width;
  const sy = box.height / frame.height;
  const s = fit === 'cover' ? Math.max(sx, sy) : Math.min(sx, sy);
  const width = box.width / s;
  const height = box.height / s;
  return { x: (frame.width - width) / 2, y: (frame.height - height) / 2, width, height };
}

/** The part of the frame the person sees in that element (mirroring a centred picture keeps the same part in view). */
export function visibleArea(frame: { width: number; height: number }, box: { width: number; height: number }, fit: 'cover' | 'contain'): Rect {
  const b = boxInFrame(frame, box, fit);
  const x = Math.max(0, b.x);
  const y = Math.max(0, b.y);
  return { x, y, width: Math.min(frame.width, b.x + b.width) - x, height: Math.min(frame.height, b.y + b.height) - y };
}

/** A point of the frame as fractions of the element (`box`: boxInFrame), mirrored like the picture. */
export function toScreen(p: Pt, box: Rect, mirrored = true): Pt {
  const fx = (p.x - box.x) / box.width;
  return { x: mirrored ? 1 - fx : fx, y: (p.y - box.y) / box.height };
}

/** Farthest a target may be from its shoulder, in body units: an arm is about 1.55 shoulder widths. */
export const MAX_REACH = 1.45;
/** Margin between a target's edge and the edge of the view, as a share of the view's shorter side. */
export const VIEW_MARGIN = 0.04;

/**
 * Where a reach target goes: its planned centre `p` moved inside the view (the whole circle and a
 * margin visible), then no farther than MAX_REACH body units from the shoulder it is meant for. When
 * both cannot hold (the person stands at the edge of the picture), being seen wins.
 */
export function placeTarget(p: Pt, radius: number, shoulder: Pt, unit: number, view: Rect): Pt {
  const m = radius + VIEW_MARGIN * Math.min(view.width, view.height);
  const clampX = (x: number) => (view.width > 2 * m ? Math.min(view.x + view.width - m, Math.max(view.x + m, x)) : view.x + view.width / 2);
  const clampY = (y: number) => (view.height > 2 * m ? Math.min(view.y + view.height - m, Math.max(view.y + m, y)) : view.y + view.height / 2);
  let q = { x: clampX(p.x), y: clampY(p.y) };
  const d = dist(q, shoulder);
  const reach = MAX_REACH * unit;
  if (d > reach) {
    const k = reach / d;
    q = { x: shoulder.x + (q.x - shoulder.x) * k, y: shoulder.y + (q.y - shoulder.y) * k };
  }
  // Clamping toward a range that holds the shoulder only brings the target closer to it.
  return { x: clampX(q.x), y: clampY(q.y) };
}

/** Cover (fill the stage, crop) keeps at least this share of the picture's width and height; else contain. */
export const MAX_CROP = 0.2;

/**
 * How the play stage shows the picture: filling it (cropped) when that hides little, else all of it
 * (letterboxed), so a landscape camera in a portrait window never loses the person's arms.
 */
export function stageFit(frame: { width: number; height: number }, box: { width: number; height: number }): 'cover' | 'contain' {
  const v = visibleArea(frame, box, 'cover');
  return v.width >= (1 - MAX_CROP) * frame.width && v.height >= (1 - MAX_CROP) * frame.height ? 'cover' : 'contain';
}
