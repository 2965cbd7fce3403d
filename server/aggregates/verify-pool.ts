/**
 * Token cryptography off the main thread: a small node:worker_threads pool (one worker per core by
 * default) that verifies tokens (verify-fast.mjs) and evaluates issuance requests (privacypass-ts
 * on the noble provider). Both are pure CPU work of several milliseconds per token; on the main
 * thread they stall every other request, and on a multi-core machine they use only one core.
 * Only the cryptography moves: parsing, key-id checks and every database transaction (spent nonce,
 * sums, issuance quota) stay in the main thread, so the replay and idempotency semantics are the
 * ones in ingest.ts whatever the pool does.
 *
 * TOKEN_CRYPTO_THREADS sets the pool size; 0 runs everything inline in the main thread (same code).
 * Workers start on first use, are restarted after a crash (the tasks they held fail), and do not
 * keep the process alive while idle.
 */
import './voprf-crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { privateVerif } from '@cloudflare/privacypass-ts';
import { verify as verifyInline } from './verify-fast.mjs';

export interface TokenCrypto {
  /** Whether `authenticator` is the VOPRF output of `input` (a serialized AuthenticatorInput) under `privateKey`. */
  verify(privateKey: Uint8Array, input: Uint8Array, authenticator: Uint8Array): Promise<boolean>;
  /** Blind evaluation with DLEQ proof of a serialized TokenRequest: the serialized TokenResponse. Throws on a malformed request. */
  issue(privateKey: Uint8Array, publicKey: Uint8Array, request: Uint8Array): Promise<Uint8Array>;
  /** Worker threads in use (0: inline). */
  readonly threads: number;
  close(): Promise<void>;
}

const WORKER_URL = new URL('./verify-worker.mjs', import.meta.url);

/** TOKEN_CRYPTO_THREADS, or one per core. */
export function defaultThreads(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TOKEN_CRYPTO_THREADS;
  if (raw !== undefined && raw !== '') {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 256) throw new Error(`TOKEN_CRYPTO_THREADS must be an integer from 0 to 256, got ${raw}`);
    return n;
  }
  return Math.max(1, availableParallelism());
}

/** The same operations on the calling thread. */
export function inlineTokenCrypto(): TokenCrypto {
  return {
    threads: 0,
    verify: async (privateKey, input, authenticator) => verifyInline(privateKey, input, authenticator),
    async issue(privateKey, publicKey, request) {
      const issuer = new privateVerif.Issuer('inline', privateKey, publicKey);
      return (await issuer.issue(privateVerif.TokenRequest.deserialize(request))).serialize();
    },
    async close() {},
  };
}

interface Task {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Task>;
}

export function createTokenCrypto(threads = defaultThreads()): TokenCrypto {
  if (threads === 0) return inlineTokenCrypto();
  const slots: (Slot | null)[] = Array.from({ length: threads }, () => null);
  let nextId = 1;
  let closed = false;

  function spawn(index: number): Slot {
    const worker = new Worker(WORKER_URL);
    const slot: Slot = { worker, pending: new Map() };
    worker.unref();
    const fail = (error: Error) => {
      if (slots[index] === slot) slots[index] = null;
      for (const task of slot.pending.values()) task.reject(error);
      slot.pending.clear();
    };
    worker.on('message', (message: { id: number; value?: unknown; error?: string }) => {
      const task = slot.pending.get(message.id);
      if (!task) return;
      slot.pending.delete(message.id);
      if (slot.pending.size === 0) worker.unref();
      if (message.error !== undefined) task.reject(new Error(message.error));
      else task.resolve(message.value);
    });
    worker.on('error', (error) => fail(error instanceof Error ? error : new Error(String(error))));
    worker.on('exit', (code) => fail(new Error(`token crypto worker exited (${code})`)));
    slots[index] = slot;
    return slot;
  }

  function run<T>(message: Record<string, unknown>): Promise<T> {
    if (closed) return Promise.reject(new Error('the token crypto pool is closed'));
    // The least busy worker; an empty or crashed slot gets a fresh one (workers start as needed).
    let best = 0;
    let bestSize = Infinity;
    for (let i = 0; i < slots.length && bestSize > 0; i++) {
      const size = slots[i]?.pending.size ?? 0;
      if (size < bestSize) {
        best = i;
        bestSize = size;
      }
    }
    const slot = slots[best] ?? spawn(best);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (slot.pending.size === 1) slot.worker.ref();
      slot.worker.postMessage({ id, ...message });
    });
  }

  return {
    threads,
    verify: (privateKey, input, authenticator) => run<boolean>({ op: 'verify', privateKey, input, authenticator }),
    issue: async (privateKey, publicKey, request) => new Uint8Array(await run<Uint8Array>({ op: 'issue', privateKey, publicKey, request })),
    async close() {
      closed = true;
      await Promise.all(slots.map((slot) => slot?.worker.terminate()));
    },
  };
}
