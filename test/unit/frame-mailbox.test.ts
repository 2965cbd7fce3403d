import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { FrameMailbox, type MailboxFrame } from '../../workers/pose/frame-mailbox';

const facts = (n: number): MailboxFrame => ({ t: n, captureTime: 1000 + n, width: 4, height: 2, inputWidth: 2, inputHeight: 1, scale: 2 });

function write(box: FrameMailbox, n: number): number {
  const slot = box.writableSlot();
  box.input(slot, 6).fill(n);
  box.publish(slot, facts(n));
  return slot;
}

describe('frame mailbox: the newest frame between the intake and the pose worker (issue 14)', () => {
  it('hands over the newest frame with its facts, and counts the one it overwrote unread', () => {
    const box = new FrameMailbox(6);
    expect(box.tryTake()).toBeNull();
    write(box, 1);
    write(box, 2);
    const taken = box.tryTake()!;
    expect(taken.frame).toEqual(facts(2));
    expect(Array.from(taken.input)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(box.counts).toEqual({ published: 2, overwritten: 1 });
    expect(box.tryTake()).toBeNull();
  });

  it('never gives the writer the slot the reader holds or the one waiting to be taken', () => {
    const box = new FrameMailbox(6);
    write(box, 1);
    const held = box.tryTake()!.slot;
    const waiting = write(box, 2);
    for (let n = 3; n < 20; n++) {
      // The reader still holds its frame: its pixels must not change while the writer keeps going.
      const next = box.writableSlot();
      expect([held, waiting]).not.toContain(next);
    }
    expect(Array.from(box.input(held, 6))).toEqual([1, 1, 1, 1, 1, 1]);
    expect(() => box.tryTake()).toThrow(/release/);
    box.release();
    expect(box.tryTake()!.frame.t).toBe(2);
  });

  it('refuses an input larger than a slot', () => {
    const box = new FrameMailbox(6);
    expect(() => box.input(0, 7)).toThrow(RangeError);
  });

  it('wakes a waiting reader when a frame comes, and with null when closed', async () => {
    const box = new FrameMailbox(6);
    const first = box.take();
    write(box, 5);
    expect((await first)!.frame.t).toBe(5);
    box.release();
    const none = box.take();
    box.close();
    expect(await none).toBeNull();
  });

  it('across threads: every frame taken is whole and newer than the last, and none is lost uncounted', async () => {
    const length = 3 * 2000;
    const frames = 3000;
    const box = new FrameMailbox(length);
    // The writer is TypeScript: the thread registers tsx before importing it.
    const script = new URL('./fixtures/mailbox-writer.ts', import.meta.url).href;
    const writer = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script)}); })`, {
      eval: true,
      workerData: { buffer: box.buffer, frames, length },
    });
    const done = new Promise((resolve, reject) => { writer.once('message', resolve); writer.once('error', reject); });
    let last = 0;
    let taken = 0;
    for (;;) {
      const frame = await box.take();
      if (!frame) break;
      const n = frame.frame.t;
      expect(n).toBeGreaterThan(last);
      // A whole frame: every value is the frame's number.
      expect(frame.input.every((v) => v === n)).toBe(true);
      last = n;
      taken++;
      box.release();
    }
    await done;
    await writer.terminate();
    const { published, overwritten } = box.counts;
    expect(published).toBe(frames);
    // What the reader did not take, the writer overwrote (the last one may be left waiting at close).
    expect(taken + overwritten).toBeGreaterThanOrEqual(frames - 1);
    expect(taken + overwritten).toBeLessThanOrEqual(frames);
    expect(taken).toBeGreaterThan(10);
    expect(overwritten).toBeGreaterThan(0);
  });
});
