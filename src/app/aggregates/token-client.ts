/**
 * Runs the Privacy Pass client in its worker (workers/tokens): one worker per refresh, closed
 * afterwards. Every request times out, and all pending ones fail when the worker errors or is
 * closed, so a dead worker never leaves a refresh hanging.
 */
import { REQUEST_TIMEOUT_MS, type Blinded, type Finalized, type TokenTarget, type TokenWorkerReply, type TokenWorkerRequest } from '../../../workers/tokens/protocol';

/** The part of a Worker the client uses (tests pass a fake). */
export interface TokenWorkerPort {
  postMessage(message: TokenWorkerRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<TokenWorkerReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

/** A request before the client numbers it. */
type Request = TokenWorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;
type Outcome = TokenWorkerReply | Error;

const STEP_MS = 5_000;
/**
 * Calls `fire` after `ms` of time awake; returns what cancels it. A step timer, re-armed: a sleep
 * of the device (or a page clock moved forward in a test) counts as one step, not as the whole
 * gap, because the worker slept too.
 */
function afterAwake(ms: number, fire: () => void): () => void {
  let steps = Math.ceil(ms / STEP_MS);
  const step = () => (--steps <= 0 ? fire() : (timer = setTimeout(step, STEP_MS)));
  let timer = setTimeout(step, STEP_MS);
  return () => clearTimeout(timer);
}

export class TokenClient {
  private next = 1;
  /** Per request id: what ends it, its reply or an error. */
  private readonly waiting = new Map<number, (outcome: Outcome) => void>();

  constructor(
    private readonly worker: TokenWorkerPort = new Worker(new URL('../../../workers/tokens/token.worker.ts', import.meta.url), { type: 'module', name: 'privacy-pass' }),
  ) {
    worker.onmessage = (event) => this.waiting.get(event.data.id)?.(event.data);
    worker.onerror = (event) => this.failAll(new Error(event.message || 'the token worker failed'));
    worker.onmessageerror = () => this.failAll(new Error('the token worker sent a message that could not be read'));
  }

  /** Sends one request; `pick` takes the answer out of a reply of the expected type. */
  private call<T>(request: Request, pick: (reply: TokenWorkerReply) => T | undefined): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      const cancel = afterAwake(REQUEST_TIMEOUT_MS, () => end(new Error(`the token worker did not answer within ${REQUEST_TIMEOUT_MS / 1000} s awake`)));
      const end = (outcome: Outcome) => {
        cancel();
        this.waiting.delete(id);
        const value = outcome instanceof Error ? undefined : pick(outcome);
        if (value !== undefined) resolve(value);
        else if (outcome instanceof Error) reject(outcome);
        else reject(new Error(outcome.type === 'error' ? outcome.message : `unexpected token worker reply: ${outcome.type}`));
      };
      this.waiting.set(id, end);
      this.worker.postMessage({ ...request, id } satisfies TokenWorkerRequest);
    });
  }

  private failAll(error: Error): void {
    for (const end of [...this.waiting.values()]) end(error);
  }

  blind(targets: TokenTarget[]): Promise<Blinded['requests']> {
    return this.call({ type: 'blind', targets }, (reply) => (reply.type === 'blinded' ? reply.requests : undefined));
  }

  finalize(responses: { team: string; day: string; response: string }[]): Promise<Pick<Finalized, 'tokens' | 'failed'>> {
    return this.call({ type: 'finalize', responses }, (reply) => (reply.type === 'finalized' ? { tokens: reply.tokens, failed: reply.failed } : undefined));
  }

  close(): void {
    this.worker.terminate();
    this.failAll(new Error('closed'));
  }
}
