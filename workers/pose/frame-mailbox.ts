/**
 * Latest-frame-wins between two threads, in shared memory: the intake worker writes each camera
 * frame's model input into a free slot and publishes it; the pose worker takes the newest one the
 * moment it is free, with no message hop and no frame conversion on its own thread.
 *
 * Three slots: one the reader holds, one published (the newest), one being written. The writer
 * only ever writes a slot that is neither published nor held, so no slot is read while written.
 * One state word holds both indices and changes only by compare-and-exchange; JavaScript atomics
 * are sequentially consistent, so a slot's pixels and facts, written before it is published, are
 * seen by the reader that takes it.
 */

const SLOTS = 3;
const NONE = 3;
/** Control words: state (published | held << 2), frames published, frames overwritten unread, closed. */
const STATE = 0;
const PUBLISHED = 1;
const OVERWRITTEN = 2;
const CLOSED = 3;
const CONTROL_BYTES = 16;
/** Per slot: t, captureTime, width, height (the camera frame), input width, input height, scale. */
const FACTS = 7;

export interface MailboxFrame {
  /** Frame timestamp for the smoother, ms. */
  t: number;
  /** When the intake received it, epoch ms. */
  captureTime: number;
  /** The camera frame's size (what keypoints are reported in). */
  width: number;
  height: number;
  /** The model input: int32 RGB, inputWidth × inputHeight × 3, and camera pixels per input pixel. */
  inputWidth: number;
  inputHeight: number;
  scale: number;
}

const published = (state: number) => state & 3;
const held = (state: number) => (state >> 2) & 3;
const pack = (publishedSlot: number, heldSlot: number) => publishedSlot | (heldSlot << 2);

export class FrameMailbox {
  readonly buffer: SharedArrayBuffer;
  /** Int32 values per slot (the largest model input this mailbox takes). */
  readonly slotLength: number;
  private readonly control: Int32Array;
  private readonly facts: Float64Array;
  private readonly pixels: Int32Array;

  /** A new mailbox for inputs of up to `slotLength` int32 values, or one shared by the other thread. */
  constructor(from: number | SharedArrayBuffer) {
    const slotLength = typeof from === 'number' ? from : (from.byteLength - CONTROL_BYTES - SLOTS * FACTS * 8) / (SLOTS * 4);
    this.buffer = typeof from === 'number' ? new SharedArrayBuffer(CONTROL_BYTES + SLOTS * FACTS * 8 + SLOTS * slotLength * 4) : from;
    this.slotLength = slotLength;
    this.control = new Int32Array(this.buffer, 0, 4);
    this.facts = new Float64Array(this.buffer, CONTROL_BYTES, SLOTS * FACTS);
    this.pixels = new Int32Array(this.buffer, CONTROL_BYTES + SLOTS * FACTS * 8, SLOTS * slotLength);
    if (typeof from === 'number') Atomics.store(this.control, STATE, pack(NONE, NONE));
  }

  // ── writer (intake worker) ──

  /** A slot that is neither published nor held: the writer's to fill. */
  writableSlot(): number {
    const state = Atomics.load(this.control, STATE);
    for (let slot = 0; slot < SLOTS; slot++) if (slot !== published(state) && slot !== held(state)) return slot;
    throw new Error('no free slot'); // three slots, at most two taken: unreachable
  }

  /** Where the writer puts a slot's model input (`length` int32 values). */
  input(slot: number, length: number): Int32Array {
    if (length > this.slotLength) throw new RangeError(`input of ${length} values does not fit a slot of ${this.slotLength}`);
    return this.pixels.subarray(slot * this.slotLength, slot * this.slotLength + length);
  }

  /** Makes `slot` the newest frame; a published frame nobody took is overwritten (counted). */
  publish(slot: number, frame: MailboxFrame): void {
    const at = slot * FACTS;
    this.facts.set([frame.t, frame.captureTime, frame.width, frame.height, frame.inputWidth, frame.inputHeight, frame.scale], at);
    for (;;) {
      const state = Atomics.load(this.control, STATE);
      if (Atomics.compareExchange(this.control, STATE, state, pack(slot, held(state))) !== state) continue;
      if (published(state) !== NONE) Atomics.add(this.control, OVERWRITTEN, 1);
      break;
    }
    Atomics.add(this.control, PUBLISHED, 1);
    Atomics.notify(this.control, STATE);
  }

  /** No more frames (the stream ended or the pipeline stops): a waiting reader gets null. */
  close(): void {
    Atomics.store(this.control, CLOSED, 1);
    Atomics.notify(this.control, STATE);
  }

  // ── reader (pose worker) ──


  /** Takes the newest frame and holds its slot until release(), or returns null when none is waiting. */
  tryTake(): { slot: number; frame: MailboxFrame; input: Int32Array } | null {
    for (;;) {
      const state = Atomics.load(this.control, STATE);
      const slot = published(state);
      if (slot === NONE) return null;
      if (held(state) !== NONE) throw new Error('release the held frame before taking another');
      if (Atomics.compareExchange(this.control, STATE, state, pack(NONE, slot)) !== state) continue;
      const f = this.facts.subarray(slot * FACTS, slot * FACTS + FACTS);
      const frame: MailboxFrame = { t: f[0], captureTime: f[1], width: f[2], height: f[3], inputWidth: f[4], inputHeight: f[5], scale: f[6] };
      return { slot, frame, input: this.input(slot, frame.inputWidth * frame.inputHeight * 3) };
    }
  }

  /** Waits for the newest frame (null once closed). */
  async take(): Promise<ReturnType<FrameMailbox['tryTake']>> {
    for (;;) {
      if (Atomics.load(this.control, CLOSED)) return null;
      const taken = this.tryTake();
      if (taken) return taken;
      const state = Atomics.load(this.control, STATE);
      if (published(state) !== NONE || Atomics.load(this.control, CLOSED)) continue;
      const wait = Atomics.waitAsync(this.control, STATE, state);
      if (wait.async) await wait.value;
    }
  }

  /** Gives the held slot back to the writer. */
  release(): void {
    for (;;) {
      const state = Atomics.load(this.control, STATE);
      if (Atomics.compareExchange(this.control, STATE, state, pack(published(state), NONE)) === state) return;
    }
  }

  get counts(): { published: number; overwritten: number } {
    return { published: Atomics.load(this.control, PUBLISHED), overwritten: Atomics.load(this.control, OVERWRITTEN) };
  }
}
