import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { aggregateDb, INGEST_ROLE } from './aggregates/ingest';
import { DEFAULT_BATCH, UploadBatcher, type BatchOptions } from './aggregates/batcher';
import { createKeyRing, markerKey } from './aggregates/keys';
import { DEFAULT_NOISE_SCALES, type NoiseScales } from './aggregates/noise';
import { createTokenCrypto, type TokenCrypto } from './aggregates/verify-pool';
import { createTokenVerifier, type TokenVerifier } from './auth/verify';
import { systemClock, type Clock } from './clock';
import type { EndpointStatement } from '../src/core/api/metadata';
import { DEFAULT_METADATA, DEFAULT_RATE_LIMIT, type AuthConfig, type RateLimitConfig } from './config';
import type { Db } from './db/connect';
import { frameworkErrors, installErrorHandling, logSerializers, notFound } from './errors';
import { startRetentionJob, type RetentionJob } from './jobs/retention';
import { apiRoutes } from './routes/api';
import { METADATA_PATH, metadataRoutes } from './routes/metadata';
import { limitPerAddress, personLimiter } from './rate-limit';
import { crossOriginIsolationHeaders } from './security-headers';
import { clientConfigRoute, type ClientConfig } from './sign-in';
import { pageNotFound, staticApp } from './static-app';
import { gatewayRoutes } from './ohttp/gateway';
import type { GatewayKey } from '../src/core/ohttp';

export interface ServerOptions {
  /** Folder of the built PWA to serve; omitted for an API-only server (tests). */
  staticDir?: string;
  logger?: boolean;
  /** Where log lines go when `logger` is on (default stdout); tests capture them. */
  logStream?: NodeJS.WritableStream;
  /** Migrated database; without it no /api routes are registered (static-only server). */
  db?: Db;
  /** Sign-in: a config (jose + remote JWKS), a ready verifier (tests), or null (routes answer 503). */
  auth?: AuthConfig | TokenVerifier | null;
  /** Published endpoint metadata (jurisdiction, region, operator). */
  metadata?: EndpointStatement;
  /** Retention purge of people not seen for this many months, at start and daily; off when omitted. */
  retentionMonths?: number;
  clock?: Clock;
  /** Sign-in settings for the browser (GET /api/client-config) and the CSP; omitted: signed out only. */
  clientConfig?: ClientConfig;
  /**
   * Anonymous aggregates: the token key master secret (≥ 32 bytes), the noise scales per metric
   * (default DEFAULT_NOISE_SCALES: on) and the ingest's batch window (default DEFAULT_BATCH).
   * Omitted: a random secret for this process only (tests; tokens do not survive a restart).
   */
  aggregates?: { masterSecret: Uint8Array; noise?: NoiseScales; batch?: BatchOptions };
  /** Token cryptography (tests count its calls); omitted: the worker pool. */
  tokenCrypto?: TokenCrypto;
  /** Abuse limits (rate-limit.ts); omitted: the defaults in memory; false: none (benchmarks only). */
  rateLimit?: RateLimitConfig | false;
  /** Fastify's trustProxy: set it to the load balancer so the per-address limit sees clients. */
  trustProxy?: boolean | number | string[];
  /**
   * Oblivious HTTP (issue 12): the gateway's key, the relay that clients send anonymous requests
   * through (run by another party) and where they fetch the key config (through the relay).
   * Omitted: no gateway; clients send directly.
   */
  ohttp?: OhttpOptions;
}

export interface OhttpOptions {
  key: GatewayKey;
  relayUrl: string;
  keysUrl: string;
}

/** Largest request body anywhere; the /api JSON parser is stricter (routes/api.ts). */
export const BODY_LIMIT = 256 * 1024;

export async function buildServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { serializers: logSerializers, ...(options.logStream ? { stream: options.logStream } : {}) } : false,
    bodyLimit: BODY_LIMIT,
    // Bodies are validated strictly: a number is not a team name, and an unknown property is an
    // error (additionalProperties: false refuses instead of silently stripping).
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    frameworkErrors,
    // A hop count trusts that many proxies in front (X-Forwarded-For read from the right).
    trustProxy: typeof options.trustProxy === 'number' ? (_address: string, hop: number) => hop < (options.trustProxy as number) : (options.trustProxy ?? false),
  });
  const clientConfig = options.clientConfig ?? { signIn: null };
  // The page talks to the relay too (uploads and the key list go through it).
  const relayOrigins = options.ohttp ? [...new Set([new URL(options.ohttp.relayUrl).origin, new URL(options.ohttp.keysUrl).origin])] : [];
  crossOriginIsolationHeaders(app, [...(clientConfig.signIn?.connectOrigins ?? []), ...relayOrigins]);
  installErrorHandling(app);
  if (options.staticDir) pageNotFound(app, { root: options.staticDir });
  else notFound(app);
  app.decorateRequest('principal', null);
  const rateLimit = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  if (rateLimit) await limitPerAddress(app, rateLimit);

  const clock = options.clock ?? systemClock;
  const metadata = options.metadata ?? DEFAULT_METADATA;
  // Fetched anonymously before uploads: never logged per request.
  await app.register(metadataRoutes([METADATA_PATH], metadata, options.ohttp ? { relay: options.ohttp.relayUrl, keys: options.ohttp.keysUrl } : undefined), { logLevel: 'silent' });
  // The gateway and its key config: reached only through the relay, never logged per request.
  if (options.ohttp) await app.register(gatewayRoutes(options.ohttp.key), { logLevel: 'silent' });
  await app.register(clientConfigRoute(clientConfig));

  if (options.db) {
    const auth = options.auth ?? null;
    const verifier = typeof auth === 'function' ? auth : auth ? createTokenVerifier(auth, clock) : null;
    const masterSecret = options.aggregates?.masterSecret ?? new Uint8Array(randomBytes(32));
    const keys = createKeyRing(masterSecret);
    const aggregateDbHandle = await aggregateDb(options.db);
    if (!aggregateDbHandle.restricted) app.log.warn(`role ${INGEST_ROLE} is not usable: the anonymous ingest runs as the application role`);
    // Token verification and issuance evaluation run on a worker pool (one thread per core by
    // default, TOKEN_CRYPTO_THREADS to change it); the workers start on first use.
    const tokenCrypto = options.tokenCrypto ?? createTokenCrypto();
    app.addHook('onClose', async () => tokenCrypto.close());
    // Verified uploads are committed in shuffled batches; closing commits what still waits.
    const batcher = new UploadBatcher(aggregateDbHandle, options.aggregates?.batch ?? DEFAULT_BATCH);
    app.addHook('onClose', async () => batcher.close());
    const aggregates = {
      keys,
      markerKey: markerKey(masterSecret),
      aggregateDb: aggregateDbHandle,
      batcher,
      noise: options.aggregates?.noise ?? DEFAULT_NOISE_SCALES,
      tokenCrypto,
    };
    const perPerson = rateLimit ? personLimiter(rateLimit, options.aggregates?.masterSecret ?? null) : null;
    if (perPerson) app.addHook('onClose', async () => perPerson.close());
    await app.register(apiRoutes({ db: options.db, clock, verifier, metadata, aggregates, perPerson }), { prefix: '/api' });
    if (options.retentionMonths !== undefined) {
      const months = options.retentionMonths;
      const db = options.db;
      let job: RetentionJob | null = null;
      app.addHook('onReady', async () => {
        job = startRetentionJob({ db, clock, months, log: app.log });
      });
      app.addHook('onClose', async () => job?.stop());
    }
  }

  if (options.staticDir) await app.register(staticApp, { root: options.staticDir });
  return app;
}
