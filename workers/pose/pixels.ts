/**
 * Camera frame → the model's input as int32 RGB, with no tfjs: the pose worker wraps the result in
 * a tensor (frame-input.ts), the intake worker writes it straight into shared memory
 * (intake.worker.ts). The strategies, measured against each other in issue 14:
 * - copyto:      frame.copyTo(reused RGBA buffer, { format: 'RGBA' }) → int32 RGB
 * - copyto-half: the same, then a 2×2 box filter to half size (MoveNet sees 192×192 anyway)
 * - canvas:      drawImage(frame) on one reused OffscreenCanvas → getImageData → int32 RGB
 * - canvas-half: drawImage scaled to half size on that canvas
 * Where copyTo cannot convert to RGBA (older engines) or the source is a bitmap, the copyto kinds
 * use the canvas of the same size.
 */
export type PixelKind = 'copyto' | 'copyto-half' | 'canvas' | 'canvas-half';
export const PIXEL_KINDS: readonly PixelKind[] = ['canvas', 'copyto', 'copyto-half', 'canvas-half'];

export type PixelSource = VideoFrame | ImageBitmap;

export interface Pixels {
  /** inputWidth × inputHeight × 3 int32 RGB values. */
  rgb: Int32Array;
  inputWidth: number;
  inputHeight: number;
  /** Frame pixels per input pixel (1, or 2 for the half-size kinds). */
  scale: number;
  /** The camera frame's size (what keypoints are reported in). */
  width: number;
  height: number;
}

export const isBitmap = (source: PixelSource): source is ImageBitmap => typeof ImageBitmap !== 'undefined' && source instanceof ImageBitmap;

export const sizeOf = (source: PixelSource) =>
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

/** Reads frames of one kind, reusing its RGBA buffer and canvas from frame to frame. */
export class PixelReader {
  private rgba: Uint8Array | null = null;
  private canvas: OffscreenCanvas | null = null;
  private ctx: OffscreenCanvasRenderingContext2D | null = null;
  /** Set when copyTo with an RGBA conversion is refused (older engines): the canvas from then on. */
  private copyToFailed = false;

  constructor(readonly kind: PixelKind) {}

  /** The input size a frame of this size gives. */
  inputSize(width: number, height: number): { inputWidth: number; inputHeight: number; scale: number } {
    const scale = this.kind.endsWith('-half') ? 2 : 1;
    return { inputWidth: Math.floor(width / scale), inputHeight: Math.floor(height / scale), scale };
  }

  /** Reads `source` into the buffer `into(length)` gives (the caller's: reused, or a shared slot). */
  async read(source: PixelSource, into: (length: number) => Int32Array): Promise<Pixels> {
    const { width, height } = sizeOf(source);
    const { inputWidth, inputHeight, scale } = this.inputSize(width, height);
    const length = inputWidth * inputHeight * 3;
    if (this.kind.startsWith('copyto') && !isBitmap(source) && !this.copyToFailed) {
      if (this.rgba?.length !== width * height * 4) this.rgba = new Uint8Array(width * height * 4);
      try {
        await source.copyTo(this.rgba, { format: 'RGBA', colorSpace: 'srgb' } as VideoFrameCopyToOptions);
      } catch {
        this.copyToFailed = true;
        return this.read(source, into);
      }
      const rgb = into(length);
      if (scale === 1) rgbaToRgbInt32(this.rgba, rgb, width * height);
      else rgbaHalveToRgbInt32(this.rgba, width, height, rgb);
      return { rgb, inputWidth, inputHeight, scale, width, height };
    }
    const ctx = this.context(inputWidth, inputHeight);
    ctx.drawImage(source, 0, 0, inputWidth, inputHeight);
    const { data } = ctx.getImageData(0, 0, inputWidth, inputHeight);
    const rgb = into(length);
    rgbaToRgbInt32(data, rgb, inputWidth * inputHeight);
    return { rgb, inputWidth, inputHeight, scale, width, height };
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
