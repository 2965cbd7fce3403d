/** One API server per test file and backend: migrated database, test issuer, movable clock. */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { BatchOptions } from '../aggregates/batcher';
import { NO_NOISE } from '../aggregates/noise';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildServer, type ServerOptions } from '../app';
import type { EndpointStatement } from '../../src/core/api/metadata';
import { DEFAULT_RATE_LIMIT } from '../config';
import { openTestDb, type Backend, type TestDb } from './db';
import { startTestIssuer, type TestIssuer } from './issuer';

export const TEST_METADATA: EndpointStatement = { operator: 'Test operator', jurisdiction: 'SE', region: 'swedencentral' };

/** Tests answer uploads after 2 ms (sequential uploads would otherwise wait the production window each). */
export const TEST_BATCH: BatchOptions = { windowMs: 2, maxItems: 256 };

/** PGlite start + migrations + RSA key generation can take a while on a busy machine. */
export const HOOK_TIMEOUT_MS = 180_000;

export interface Harness {
  app: FastifyInstance;
  testDb: TestDb;
  issuer: TestIssuer;
  /** Moves the server's clock (retention, token time checks). */
  setNow(date: Date | null): void;
  /** A JSON request as `subject` (a fresh token each time). */
  as(subject: string, method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/** `extra`: further server options (e.g. aggregates with noise). */
export function useApi(backend: Backend, extra: Partial<ServerOptions> = {}): Harness {
  const harness = {} as Harness;
  let now: Date | null = null;
  beforeAll(async () => {
    harness.testDb = await openTestDb(backend);
    harness.issuer = await startTestIssuer();
    harness.app = await buildServer({
      db: harness.testDb.db,
      auth: harness.issuer.config,
      metadata: TEST_METADATA,
      clock: () => now ?? new Date(),
      // The limits run, set high: tests that are not about them fire hundreds of requests.
      rateLimit: { ...DEFAULT_RATE_LIMIT, perAddressPerMinute: 1_000_000, perPersonPerMinute: 1_000_000 },
      ...extra,
      // Exact sums unless a test asks for noise; a short batch window, so sequential uploads are quick.
      aggregates: { masterSecret: new Uint8Array(randomBytes(32)), noise: NO_NOISE, batch: TEST_BATCH, ...extra.aggregates },
    });
    await harness.app.ready();
    harness.setNow = (date) => {
      now = date;
    };
    harness.as = async (subject, method, url, body) =>
      harness.app.inject({
        method: method as 'GET',
        url,
        headers: {
          authorization: `Bearer ${await harness.issuer.sign(subject, { now: now ?? new Date() })}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        payload: body === undefined ? undefined : JSON.stringify(body),
      });
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await harness.app?.close();
    await harness.issuer?.close();
    await harness.testDb?.dispose();
  }, HOOK_TIMEOUT_MS);
  return harness;
}

let counter = 0;
/** A subject no other test uses. */
export function newSubject(label = 'user'): string {
  counter += 1;
  return `${label}-${counter}-${Math.random().toString(36).slice(2, 10)}`;
}

/** A migrated test database and a throwaway token issuer for one describe block (fields set in beforeAll). */
export function useDbAndIssuer(backend: Backend): { testDb: TestDb; issuer: TestIssuer } {
  const rig = {} as { testDb: TestDb; issuer: TestIssuer };
  beforeAll(async () => {
    rig.testDb = await openTestDb(backend);
    rig.issuer = await startTestIssuer();
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await rig.issuer?.close();
    await rig.testDb?.dispose();
  }, HOOK_TIMEOUT_MS);
  return rig;
}

/** A log stream for buildServer({ logger: true, logStream }) that keeps every line in memory. */
export function captureLog(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { stream, lines };
}
