/** Runs the Privacy Pass client in its worker (workers/tokens): one worker per refresh, closed afterwards. */
import type { TokenTarget, TokenWorkerRequest, TokenWorkerResponse } from '../../../workers/tokens/protocol';

type Blinded = Extract<TokenWorkerResponse, { type: 'blinded' }>;
type Finalized = Extract<TokenWorkerResponse, { type: 'finalized' }>;

export class TokenClient {
  private readonly worker = new Worker(new URL('../../../workers/tokens/token.worker.ts', import.meta.url), { type: 'module', name: 'privacy-pass' });
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (r: TokenWorkerResponse) => void; reject: (e: Error) => void }>();

  constructor() {
    this.worker.onmessage = (event: MessageEvent<TokenWorkerResponse>) => {
      const entry = this.waiting.get(event.data.id);
      this.waiting.delete(event.data.id);
      if (!entry) return;
      if (event.data.type === 'error') entry.reject(new Error(event.data.message));
      else entry.resolve(event.data);
    };
    this.worker.onerror = (event) => {
      for (const entry of this.waiting.values()) entry.reject(new Error(event.message || 'the token worker failed to start'));
      this.waiting.clear();
    };
  }

  private call(message: TokenWorkerRequest): Promise<TokenWorkerResponse> {
    return new Promise((resolve, reject) => {
      this.waiting.set(message.id, { resolve, reject });
      this.worker.postMessage(message);
    });
  }

  async blind(targets: TokenTarget[]): Promise<Blinded['requests']> {
    return ((await this.call({ id: this.next++, type: 'blind', targets })) as Blinded).requests;
  }

  async finalize(responses: { team: string; day: string; response: string }[]): Promise<Omit<Finalized, 'id' | 'type'>> {
    const { tokens, failed } = (await this.call({ id: this.next++, type: 'finalize', responses })) as Finalized;
    return { tokens, failed };
  }

  close(): void {
    this.worker.terminate();
    for (const entry of this.waiting.values()) entry.reject(new Error('closed'));
    this.waiting.clear();
  }
}
