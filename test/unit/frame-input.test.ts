import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { FrameInput, defaultFrameInput } from '../../workers/pose/frame-input';
import { rgbaHalveToRgbInt32, rgbaToRgbInt32 } from '../../workers/pose/pixels';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** An RGBA image whose pixel (x, y) is (x, y, x + y, 255), so every value says where it came from. */
function pattern(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      rgba.set([x, y, x + y, 255], (y * width + x) * 4);
    }
  }
  return rgba;
}

/** Enough of a VideoFrame for FrameInput: its size and an RGBA copyTo; counts copies and closes. */
class FakeVideoFrame {
  copies = 0;
  constructor(readonly displayWidth: number, readonly displayHeight: number, private readonly rgba: Uint8Array) {}
  async copyTo(dest: Uint8Array, options: { format?: string }): Promise<void> {
    if (options.format !== 'RGBA') throw new Error('only RGBA here');
    this.copies++;
    dest.set(this.rgba);
  }
}

describe('frame → model input (issue 14)', () => {
  it('drops alpha and keeps every RGB value in order', () => {
    const rgba = pattern(3, 2);
    const out = new Int32Array(3 * 2 * 3);
    rgbaToRgbInt32(rgba, out, 6);
    expect(Array.from(out.slice(0, 6))).toEqual([0, 0, 0, 1, 0, 1]);
    expect(Array.from(out.slice(15, 18))).toEqual([2, 1, 3]);
  });

  it('halves with a 2×2 box filter (the mean of each block, rounded)', () => {
    const rgba = pattern(4, 4);
    const out = new Int32Array(2 * 2 * 3);
    rgbaHalveToRgbInt32(rgba, 4, 4, out);
    // Block (0,0) holds x ∈ {0,1}, y ∈ {0,1}: means 0.5, 0.5, 1 → rounded 1, 1, 1.
    expect(Array.from(out.slice(0, 3))).toEqual([1, 1, 1]);
    // Block (1,1) holds x ∈ {2,3}, y ∈ {2,3}: means 2.5, 2.5, 5.
    expect(Array.from(out.slice(9, 12))).toEqual([3, 3, 5]);
  });

  it('copyto-half gives a half-size int32 tensor, a scale of 2 and the frame size for keypoints', async () => {
    const input = new FrameInput('copyto-half');
    const frame = new FakeVideoFrame(8, 6, pattern(8, 6));
    const prepared = await input.prepare(frame as unknown as VideoFrame);
    expect(prepared.scale).toBe(2);
    expect([prepared.width, prepared.height]).toEqual([8, 6]);
    const tensor = prepared.input as tf.Tensor3D;
    expect(tensor.shape).toEqual([3, 4, 3]);
    expect(tensor.dtype).toBe('int32');
    const values = tensor.arraySync();
    expect(values[2][3]).toEqual([7, 5, 11]); // block x ∈ {6,7}, y ∈ {4,5}: means 6.5, 4.5, 11 → 7, 5, 11
    const before = tf.memory().numTensors;
    prepared.dispose();
    expect(tf.memory().numTensors).toBe(before - 1);
  });

  it('never overwrites pixels a live tensor may still read (cpu keeps a reference, not a copy)', async () => {
    const input = new FrameInput('copyto');
    const first = await input.prepare(new FakeVideoFrame(2, 2, pattern(2, 2)) as unknown as VideoFrame);
    const other = pattern(2, 2).map((v, i) => (i % 4 === 3 ? 255 : 200));
    const second = await input.prepare(new FakeVideoFrame(2, 2, other) as unknown as VideoFrame);
    expect((first.input as tf.Tensor3D).arraySync()[1][1]).toEqual([1, 1, 2]);
    expect((second.input as tf.Tensor3D).arraySync()[1][1]).toEqual([200, 200, 200]);
    expect(first.scale).toBe(1);
    first.dispose();
    second.dispose();
  });

  it('uses our own copy on wasm and leaves bitmaps to the GPU backends', () => {
    expect(defaultFrameInput('wasm')).toBe('copyto-half');
    expect(defaultFrameInput('webgl')).toBe('bitmap');
    expect(defaultFrameInput('webgpu')).toBe('bitmap');
  });
});
