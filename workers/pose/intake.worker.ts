/// <reference lib="webworker" />
/**
 * The intake worker: owns the camera stream, so that frames keep arriving while the pose worker's
 * thread is busy with the model (a reader on that thread only reads between inferences, and the
 * browser drops the frames that came meanwhile: issue 14). As the pose worker asks, each frame is
 * turned into the model's input in shared memory (frame-mailbox.ts) or passed on as it is. Until
 * it asks, nothing is read: the browser keeps the newest frame. Nothing queues.
 */
import { FrameMailbox } from './frame-mailbox';
import { PixelReader } from './pixels';
import { epochNow } from './protocol';
import type { IntakeToPose, PageToIntake, PoseToIntake } from './intake-protocol';

declare const self: DedicatedWorkerGlobalScope;

let port: MessagePort | null = null;
let reader: ReadableStreamDefaultReader<VideoFrame> | null = null;
let pixels: PixelReader | null = null;
let mailbox: FrameMailbox | null = null;
let stopped = false;
/** Read every frame, or only `asked` more. */
let streaming = false;
let asked = 0;
let wake: (() => void) | null = null;

const send = (message: IntakeToPose, transfer: Transferable[] = []) => port?.postMessage(message, transfer);

function deliver(frame: VideoFrame, captureTime: number): Promise<void> | void {
  if (!pixels) {
    send({ type: 'frame', frame, captureTime }, [frame]);
    return;
  }
  return convert(pixels, frame, captureTime).finally(() => frame.close());
}

async function convert(reader: PixelReader, frame: VideoFrame, captureTime: number): Promise<void> {
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
}

async function pump(frames: ReadableStream<VideoFrame>): Promise<void> {
  reader = frames.getReader();
  let error: string | null = null;
  try {
    for (;;) {
      while (!streaming && asked === 0 && !stopped) await new Promise<void>((resolve) => { wake = resolve; });
      if (stopped) break;
      const { value: frame, done } = await reader.read();
      if (done) break;
      asked = Math.max(0, asked - 1);
      await deliver(frame, epochNow());
    }
  } catch (e) {
    if (!stopped) error = e instanceof Error ? e.message : String(e);
  }
  mailbox?.close();
  if (!stopped) send({ type: 'ended', error });
}

function onPose(message: PoseToIntake): void {
  if (message.type === 'configure') pixels = message.deliver === 'frames' ? null : new PixelReader(message.deliver);
  else if (message.type === 'next') asked++;
  else streaming = true;
  wake?.();
}

self.onmessage = (event: MessageEvent<PageToIntake>) => {
  const message = event.data;
  if (message.type === 'start') {
    port = message.port;
    port.onmessage = (e: MessageEvent<PoseToIntake>) => onPose(e.data);
    void pump(message.frames);
  } else {
    stopped = true;
    wake?.();
    mailbox?.close();
    void reader?.cancel().catch(() => undefined);
    port?.close();
    self.close();
  }
};
