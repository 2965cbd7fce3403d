/// <reference lib="webworker" />
/**
 * The intake worker: owns the camera stream, so that frames keep arriving while the pose worker's
 * thread is busy with the model (a reader on that thread only reads between inferences, and the
 * browser drops the frames that came meanwhile: issue 14). Once the pose worker has said how, every
 * frame is turned into the model's input in shared memory (frame-mailbox.ts) or passed on as it
 * is. Until then, only the newest frame is kept. Nothing queues.
 */
import { FrameMailbox } from './frame-mailbox';
import { PixelReader } from './pixels';
import { epochNow } from './protocol';
import type { IntakeToPose, PageToIntake, PoseToIntake } from './intake-protocol';

declare const self: DedicatedWorkerGlobalScope;

interface Held { frame: VideoFrame; captureTime: number }

let port: MessagePort | null = null;
let reader: ReadableStreamDefaultReader<VideoFrame> | null = null;
let pixels: PixelReader | null = null;
let forward = false;
let mailbox: FrameMailbox | null = null;
/** The newest frame, kept until the pose worker says how it wants frames. */
let held: Held | null = null;
let stopped = false;
/** One delivery at a time: they share the mailbox's free slot and the reader's buffers. */
let delivering: Promise<void> = Promise.resolve();

const send = (message: IntakeToPose, transfer: Transferable[] = []) => port?.postMessage(message, transfer);

async function deliver({ frame, captureTime }: Held): Promise<void> {
  if (forward) {
    send({ type: 'frame', frame, captureTime }, [frame]);
    return;
  }
  try {
    const reader = pixels!;
    const { inputWidth, inputHeight } = reader.inputSize(frame.displayWidth, frame.displayHeight);
    const length = inputWidth * inputHeight * 3;
    if (!mailbox || mailbox.slotLength < length) {
      // The first frame, or a larger one (another camera mode): a mailbox that fits it.
      const old = mailbox;
      mailbox = new FrameMailbox(length);
      send({ type: 'mailbox', buffer: mailbox.buffer });
      old?.close();
    }
    const box = mailbox;
    const slot = box.writableSlot();
    const { width, height, scale } = await reader.read(frame, (n) => box.input(slot, n));
    box.publish(slot, { t: frame.timestamp / 1000, captureTime, width, height, inputWidth, inputHeight, scale });
  } finally {
    frame.close();
  }
}

function deliverInTurn(next: Held): Promise<void> {
  const done = delivering.then(() => deliver(next));
  delivering = done.catch(() => undefined);
  return done;
}

async function pump(frames: ReadableStream<VideoFrame>): Promise<void> {
  reader = frames.getReader();
  let error: string | null = null;
  try {
    for (;;) {
      const { value: frame, done } = await reader.read();
      if (done) break;
      const next = { frame, captureTime: epochNow() };
      if (pixels || forward) await deliverInTurn(next);
      else {
        held?.frame.close();
        held = next;
      }
    }
  } catch (e) {
    if (!stopped) error = e instanceof Error ? e.message : String(e);
  }
  held?.frame.close();
  held = null;
  mailbox?.close();
  if (!stopped) send({ type: 'ended', error });
}

function configure(how: PoseToIntake['deliver']): void {
  if (how === 'frames') forward = true;
  else pixels = new PixelReader(how);
  const waiting = held;
  held = null;
  // A failure here shows again on the next frame, where the pump reports it.
  if (waiting) deliverInTurn(waiting).catch(() => undefined);
}

self.onmessage = (event: MessageEvent<PageToIntake>) => {
  const message = event.data;
  if (message.type === 'start') {
    port = message.port;
    port.onmessage = (e: MessageEvent<PoseToIntake>) => configure(e.data.deliver);
    void pump(message.frames);
  } else {
    stopped = true;
    held?.frame.close();
    held = null;
    mailbox?.close();
    void reader?.cancel().catch(() => undefined);
    port?.close();
    self.close();
  }
};
