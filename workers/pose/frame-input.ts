/**
 * Turns a camera frame (VideoFrame or ImageBitmap) into the model's input, reusing every buffer.
 * tfjs cannot read a VideoFrame, and its own path for a bitmap in a worker resizes a fresh 1×1
 * canvas to the frame, draws, reads back and allocates a new 3.7 MB Int32Array per 640×480 frame.
 * The strategies were measured against each other (issue 14, `npm run bench -- --inputs`):
 * - bitmap: createImageBitmap(frame) → tfjs fromPixels (the original path; GPU backends upload it)
 * - the int32 RGB kinds of pixels.ts (copyto, copyto-half, canvas, canvas-half)
 * Keypoints from a half-size input are scaled back, so callers always get frame pixels.
 */
import * as tf from '@tensorflow/tfjs-core';
import { FRAME_INPUT_KINDS, type Backend, type FrameInputKind } from './protocol';
import { PixelReader, isBitmap, sizeOf, type PixelSource, type Pixels } from './pixels';

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

/**
 * An int32 RGB input as a tensor. Some backends (cpu; webgl until upload) keep a reference to the
 * values rather than a copy, so `pixels.rgb` must not change until the result is disposed.
 */
export function pixelsToInput(pixels: Pixels, disposed: () => void = () => undefined): PreparedInput {
  const tensor = tf.tensor3d(pixels.rgb, [pixels.inputHeight, pixels.inputWidth, 3], 'int32');
  return {
    input: tensor, scale: pixels.scale, width: pixels.width, height: pixels.height,
    dispose: () => {
      tensor.dispose();
      disposed();
    },
  };
}

export class FrameInput {
  private readonly pixels: PixelReader | null;
  private rgb: Int32Array | null = null;
  /** A tensor made from `rgb` is still alive (not disposed). */
  private rgbInUse = false;

  constructor(readonly kind: FrameInputKind) {
    this.pixels = kind === 'bitmap' ? null : new PixelReader(kind);
  }

  async prepare(source: PixelSource): Promise<PreparedInput> {
    if (!this.pixels) {
      const bitmap = isBitmap(source) ? source : await createImageBitmap(source);
      const owned = bitmap !== source;
      return { input: bitmap, scale: 1, ...sizeOf(source), dispose: () => { if (owned) bitmap.close(); } };
    }
    const pixels = await this.pixels.read(source, (length) => this.buffer(length));
    const rgb = pixels.rgb;
    this.rgbInUse = true;
    return pixelsToInput(pixels, () => { if (this.rgb === rgb) this.rgbInUse = false; });
  }

  private buffer(length: number): Int32Array {
    // The previous frame's tensor may still read this buffer: never overwrite it; start a new one.
    if (this.rgbInUse || this.rgb?.length !== length) this.rgb = new Int32Array(length);
    return this.rgb;
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
