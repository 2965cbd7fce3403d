import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageToWorker, ReadyMessage, StatsMessage, WorkerToPage } from '../../workers/pose/protocol';
import { PoseClient, PoseClientError } from '../../src/app/pose/pose-client';

/** A pose worker that answers only what the test tells it to. */
class FakeWorker {
  static last: FakeWorker;
  sent: PageToWorker[] = [];
  onmessage: ((event: MessageEvent<WorkerToPage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  constructor() { FakeWorker.last = this; }
  postMessage(message: PageToWorker): void { this.sent.push(message); }
  terminate(): void {}
  reply(message: WorkerToPage): void { this.onmessage?.({ data: message } as MessageEvent<WorkerToPage>); }
  statsIds(): number[] { return this.sent.flatMap((m) => (m.type === 'stats' ? [m.id] : [])); }
}

const ready = { type: 'ready', backend: 'wasm' } as ReadyMessage;
const stats = (id: number, numTensors: number) => ({ type: 'stats', id, numTensors }) as StatsMessage;

async function started(): Promise<{ client: PoseClient; worker: FakeWorker }> {
  const starting = PoseClient.start({ track: null, video: {} as HTMLVideoElement, overlay: null, mirror: false, onPose: () => {}, onError: () => {} });
  const worker = FakeWorker.last;
  worker.reply(ready);
  return { client: await starting, worker };
}

describe('pose worker stats', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('location', new URL('https://app.example/'));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('answers each request with the reply of the same id, in any order', async () => {
    const { client, worker } = await started();
    const first = client.stats();
    const second = client.stats();
    const [a, b] = worker.statsIds();
    worker.reply(stats(b, 2));
    worker.reply(stats(a, 1));
    expect((await first).numTensors).toBe(1);
    expect((await second).numTensors).toBe(2);
  });

  it('gives up on a request the worker never answers', async () => {
    const { client } = await started();
    const pending = client.stats(1000);
    vi.advanceTimersByTime(1000);
    await expect(pending).rejects.toMatchObject({ code: 'stats-timeout' });
  });

  it('rejects every pending request when the worker fails or the client stops', async () => {
    const { client, worker } = await started();
    const beforeError = client.stats();
    worker.onerror?.({ message: 'boom', preventDefault: () => {} } as ErrorEvent);
    await expect(beforeError).rejects.toBeInstanceOf(PoseClientError);
    const beforeStop = client.stats();
    client.stop();
    await expect(beforeStop).rejects.toMatchObject({ code: 'worker-failed' });
  });
});
