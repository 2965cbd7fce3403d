import { describe, expect, it } from 'vitest';
import { LatestFrameSlot } from '../../workers/pose/latest-frame';

class FakeFrame {
  closed = false;
  constructor(readonly id: number) {}
  close() { this.closed = true; }
}

describe('LatestFrameSlot (latest frame wins, nothing queues)', () => {
  it('hands out only the newest frame and closes the stale ones', async () => {
    const slot = new LatestFrameSlot<FakeFrame>();
    const frames = [1, 2, 3].map((id) => new FakeFrame(id));
    frames.forEach((f) => slot.put(f));
    const taken = await slot.take();
    expect(taken?.id).toBe(3);
    expect(frames.map((f) => f.closed)).toEqual([true, true, false]);
    expect(slot.dropped).toBe(2);
  });

  it('wakes a waiting consumer with null on interrupt, and stays open for frames after it', async () => {
    const slot = new LatestFrameSlot<FakeFrame>();
    const waiting = slot.take();
    slot.interrupt();
    expect(await waiting).toBeNull();
    expect(slot.isClosed).toBe(false);
    slot.put(new FakeFrame(7));
    expect((await slot.take())?.id).toBe(7);
    // A frame left waiting is stale once frames come another way: interrupt closes it.
    const stale = new FakeFrame(8);
    slot.put(stale);
    slot.interrupt();
    expect(stale.closed).toBe(true);
    expect(slot.waiting).toBe(false);
    slot.close();
    expect(slot.isClosed).toBe(true);
  });

  it('says whether a frame is waiting', async () => {
    const slot = new LatestFrameSlot<FakeFrame>();
    expect(slot.waiting).toBe(false);
    slot.put(new FakeFrame(1));
    expect(slot.waiting).toBe(true);
    await slot.take();
    expect(slot.waiting).toBe(false);
  });

  it('wakes a waiting consumer directly, without dropping', async () => {
    const slot = new LatestFrameSlot<FakeFrame>();
    const pending = slot.take();
    const frame = new FakeFrame(7);
    slot.put(frame);
    expect((await pending)?.id).toBe(7);
    expect(frame.closed).toBe(false);
    expect(slot.dropped).toBe(0);
  });

  it('close() frees the waiting frame, ends a waiting take, and closes frames put afterwards', async () => {
    const slot = new LatestFrameSlot<FakeFrame>();
    const waiting = new FakeFrame(1);
    slot.put(waiting);
    await slot.take();
    const pendingTake = slot.take();
    slot.close();
    expect(await pendingTake).toBeNull();
    const late = new FakeFrame(2);
    slot.put(late);
    expect(late.closed).toBe(true);
    expect(await slot.take()).toBeNull();
  });
});
