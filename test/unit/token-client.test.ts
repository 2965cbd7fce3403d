/** The token worker's client: replies matched by id, a timeout on every request, and no request left hanging by a dead worker. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TokenClient, type TokenWorkerPort } from '../../src/app/aggregates/token-client';
import { REQUEST_TIMEOUT_MS, type TokenWorkerReply, type TokenWorkerRequest } from '../../workers/tokens/protocol';

function fakeWorker() {
  const sent: TokenWorkerRequest[] = [];
  const port: TokenWorkerPort = {
    postMessage: (message) => void sent.push(message),
    terminate: vi.fn(),
    onmessage: null,
    onerror: null,
    onmessageerror: null,
  };
  const reply = (data: TokenWorkerReply) => port.onmessage?.(new MessageEvent('message', { data }));
  return { port, sent, reply };
}

const target = { team: 'T'.repeat(22), day: '2026-11-20', publicKey: 'key' };

describe('token worker client', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('matches replies by id, not by order', async () => {
    const { port, sent, reply } = fakeWorker();
    const client = new TokenClient(port);
    const blinded = client.blind([target]);
    const finalized = client.finalize([{ team: target.team, day: target.day, response: 'r' }]);
    const [first, second] = sent;
    reply({ id: second.id, type: 'finalized', tokens: [{ team: target.team, day: target.day, token: 't' }], failed: [] });
    reply({ id: first.id, type: 'blinded', requests: [{ team: target.team, day: target.day, request: 'q' }] });
    await expect(blinded).resolves.toEqual([{ team: target.team, day: target.day, request: 'q' }]);
    await expect(finalized).resolves.toEqual({ tokens: [{ team: target.team, day: target.day, token: 't' }], failed: [] });
  });

  it('rejects an error reply and a reply of the wrong kind', async () => {
    const { port, sent, reply } = fakeWorker();
    const client = new TokenClient(port);
    const failed = client.blind([target]);
    reply({ id: sent[0].id, type: 'error', message: 'bad key' });
    await expect(failed).rejects.toThrow('bad key');
    const wrong = client.blind([target]);
    reply({ id: sent[1].id, type: 'finalized', tokens: [], failed: [] });
    await expect(wrong).rejects.toThrow('unexpected');
  });

  it('gives up on a request the worker never answers', async () => {
    const { port } = fakeWorker();
    const pending = new TokenClient(port).blind([target]);
    const outcome = expect(pending).rejects.toThrow('did not answer');
    vi.advanceTimersByTime(REQUEST_TIMEOUT_MS);
    await outcome;
  });

  it('rejects every pending request when the worker fails', async () => {
    const { port } = fakeWorker();
    const client = new TokenClient(port);
    const a = client.blind([target]);
    const b = client.finalize([]);
    // Node has no ErrorEvent; the client reads only `message`.
    port.onerror?.(Object.assign(new Event('error'), { message: 'worker crashed' }) as ErrorEvent);
    await expect(a).rejects.toThrow('worker crashed');
    await expect(b).rejects.toThrow('worker crashed');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects pending requests on close', async () => {
    const { port } = fakeWorker();
    const client = new TokenClient(port);
    const pending = client.blind([target]);
    client.close();
    await expect(pending).rejects.toThrow('closed');
    expect(port.terminate).toHaveBeenCalled();
  });
});
