/**
 * Turns a camera frame (VideoFrame or ImageBitmap) into the model's input, reusing every buffer.
 * tfjs cannot read a VideoFrame, and its own path for a bitmap in a worker resizes a fresh 1×1
 * canvas to the frame, draws, reads back and allocates a new 3.7 MB Int32Array per 640×480 frame.
 * The strategies below were measured against each other (issue 14, `npm run bench -- --input`):
 * - bitmap:      createImageBitmap(frame) → tfjs fromPixels (the original path)
 * - canvas:      drawImage(frame) on one reused OffscreenCanvas → getImageData → reused int32 RGB
 * - copyto:      frame.copyTo(reused RGBA buffer, { format: 'RGBA' }) → reused int32 RGB
 * - copyto-half: the same, then a 2×2 box filter to half size (MoveNet sees 192×192 anyway)
 * - canvas-half: drawImage scaled to half size on a reused canvas
 * Keypoints from a half-size input are scaled back, so callers always get frame pixels.
 */
import * as tf from '@tensorflow/tfjs-core';
import { FRAME_INPUT_KINDS, type Backend, type FrameInputKind } from './protocol';

/**
 * The frame → input path per backend, from the measurements in issue 14 (docs in frame-input.ts).
 * GPU backends keep the bitmap: tfjs uploads it as a texture, a CPU copy would only add work
 * (not measured on a real GPU yet).
 */
export function defaultFrameInput(backend: Backend): FrameInputKind {
  return backend === 'wasm' ? 'copyto-half' : 'bitmap';
}

/** What the detector gets: a bitmap (tfjs reads it) or our own int32 tensor, and how to scale back. */
export interface PreparedInput {
  input: ImageBitmap | tf.Tensor3D;
  /** Frame pixels per input pixel (1, or 2 for the half-size inputs). */
  scale: number;
  /** Size of the camera frame (what keypoints are reported in). */
  width: number;
  height: number;
  dispose(): void;
}

type Source = VideoFrame | ImageBitmap;

const isBitmap = (source: Source): source is ImageBitmap => typeof ImageBitmap !== 'undefined' && source instanceof ImageBitmap;

const sizeOf = (source: Source) =>
  isBitmap(source)
    ? { width: source.width, height: source.height }
    : { width: source.displayWidth, height: source.displayHeight };

/** RGBA bytes → RGB int32 (what MoveNet's graph takes), into `out`. */
export function rgbaToRgbInt32(rgba: Uint8Array | Uint8ClampedArray, out: Int32Array, pixels: number): void {
  for (let i = 0, j = 0, k = 0; i < pixels; i++, j += 4, k += 3) {
    out[k] = rgba[j];
    out[k + 1] = rgba[j + 1];
    out[k + 2] = rgba[j + 2];
  }
}

/** RGBA bytes of a w×h image → RGB int32 at ⌊w/2⌋×⌊h/2⌋, each output pixel the mean of a 2×2 block. */
export function rgbaHalveToRgbInt32(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, out: Int32Array): void {
  const w2 = width >> 1;
  const h2 = height >> 1;
  const stride = width * 4;
  let k = 0;
  for (let y = 0; y < h2; y++) {
    let top = 2 * y * stride;
    for (let x = 0; x < w2; x++, top += 8, k += 3) {
      const bottom = top + stride;
      out[k] = (rgba[top] + rgba[top + 4] + rgba[bottom] + rgba[bottom + 4] + 2) >> 2;
      out[k + 1] = (rgba[top + 1] + rgba[top + 5] + rgba[bottom + 1] + rgba[bottom + 5] + 2) >> 2;
      out[k + 2] = (rgba[top + 2] + rgba[top + 6] + rgba[bottom + 2] + rgba[bottom + 6] + 2) >> 2;
    }
  }
}

export class FrameInput {
  private rgba: Uint8Array | null = null;
  private rgb: Int32Array | null = null;
  /** A tensor made from `rgb` is still alive (not disposed). */
  private rgbInUse = false;
  private canvas: OffscreenCanvas | null = null;
  private ctx: OffscreenCanvasRenderingContext2D | null = null;
  /** Set when copyTo with an RGBA conversion is refused (older engines): fall back to the canvas. */
  private copyToFailed = false;

  constructor(readonly kind: FrameInputKind) {}

  async prepare(source: Source): Promise<PreparedInput> {
    const { width, height } = sizeOf(source);
    const kind = this.kind.startsWith('copyto') && (isBitmap(source) || this.copyToFailed)
      ? (this.kind === 'copyto-half' ? 'canvas-half' : 'canvas')
      : this.kind;
    switch (kind) {
      case 'bitmap': {
        const bitmap = isBitmap(source) ? source : await createImageBitmap(source);
        const owned = bitmap !== source;
        return { input: bitmap, scale: 1, width, height, dispose: () => { if (owned) bitmap.close(); } };
      }
      case 'copyto':
      case 'copyto-half': {
        const frame = source as VideoFrame;
        const rgba = this.buffer('rgba', width * height * 4) as Uint8Array;
        try {
          await frame.copyTo(rgba, { format: 'RGBA', colorSpace: 'srgb' } as VideoFrameCopyToOptions);
        } catch {
          this.copyToFailed = true;
          return this.prepare(source);
        }
        if (kind === 'copyto') {
          const rgb = this.buffer('rgb', width * height * 3) as Int32Array;
          rgbaToRgbInt32(rgba, rgb, width * height);
          return this.tensor(rgb, width, height, 1, width, height);
        }
        const w2 = width >> 1;
        const h2 = height >> 1;
        const rgb = this.buffer('rgb', w2 * h2 * 3) as Int32Array;
        rgbaHalveToRgbInt32(rgba, width, height, rgb);
        return this.tensor(rgb, w2, h2, 2, width, height);
      }
      case 'canvas':
      case 'canvas-half': {
        const scale = kind === 'canvas-half' ? 2 : 1;
        const w = Math.floor(width / scale);
        const h = Math.floor(height / scale);
        const ctx = this.context(w, h);
        ctx.drawImage(source, 0, 0, w, h);
        const { data } = ctx.getImageData(0, 0, w, h);
        const rgb = this.buffer('rgb', w * h * 3) as Int32Array;
        rgbaToRgbInt32(data, rgb, w * h);
        return this.tensor(rgb, w, h, scale, width, height);
      }
    }
  }

  private tensor(rgb: Int32Array, w: number, h: number, scale: number, width: number, height: number): PreparedInput {
    // Some backends (cpu; webgl until upload) keep a reference to the values rather than a copy,
    // so the buffer is only refilled once this tensor has been disposed (see buffer()).
    const tensor = tf.tensor3d(rgb, [h, w, 3], 'int32');
    this.rgbInUse = true;
    return {
      input: tensor, scale, width, height,
      dispose: () => {
        tensor.dispose();
        if (this.rgb === rgb) this.rgbInUse = false;
      },
    };
  }

  private buffer(which: 'rgba' | 'rgb', length: number): Uint8Array | Int32Array {
    if (which === 'rgb' && this.rgbInUse) {
      // The previous frame's tensor may still read this buffer: never overwrite it; start a new one.
      this.rgb = new Int32Array(length);
      return this.rgb;
    }
    if (which === 'rgba') {
      if (this.rgba?.length !== length) this.rgba = new Uint8Array(length);
      return this.rgba;
    }
    if (this.rgb?.length !== length) this.rgb = new Int32Array(length);
    return this.rgb;
  }

  private context(w: number, h: number): OffscreenCanvasRenderingContext2D {
    if (!this.canvas || !this.ctx) {
      this.canvas = new OffscreenCanvas(w, h);
      // willReadFrequently: keep the canvas in CPU memory, since every frame is read back.
      this.ctx = this.canvas.getContext('2d', { willReadFrequently: true });
      if (!this.ctx) throw new Error('OffscreenCanvas 2D is not available');
    }
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    return this.ctx;
  }
}

/**
 * Bench only: the full frame → tensor cost of every strategy on the same frame, in the same
 * worker, so machine load hits them alike (for 'bitmap' this includes tfjs's own fromPixels,
 * which otherwise hides inside the inference time).
 */
export class FrameInputComparison {
  private readonly inputs = FRAME_INPUT_KINDS.map((kind) => new FrameInput(kind));
  readonly ms: Record<string, number[]> = Object.fromEntries(FRAME_INPUT_KINDS.map((k) => [k, []]));
  private turn = 0;

  async measure(source: VideoFrame | ImageBitmap): Promise<void> {
    // Rotate who goes first: the first copy of a frame may pay for bringing it into memory.
    this.turn = (this.turn + 1) % this.inputs.length;
    for (let i = 0; i < this.inputs.length; i++) {
      const input = this.inputs[(this.turn + i) % this.inputs.length];
      const started = performance.now();
      const prepared = await input.prepare(source);
      const tensor = prepared.input instanceof tf.Tensor ? null : tf.browser.fromPixels(prepared.input);
      this.ms[input.kind].push(performance.now() - started);
      tensor?.dispose();
      prepared.dispose();
    }
  }
}
