import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { aggregateDb, INGEST_ROLE } from './aggregates/ingest';
import { createKeyRing } from './aggregates/keys';
import { createTokenCrypto } from './aggregates/verify-pool';
import { createTokenVerifier, type TokenVerifier } from './auth/verify';
import { systemClock, type Clock } from './clock';
import type { AuthConfig, EndpointMetadata } from './config';
import type { Db } from './db/connect';
import { frameworkErrors, installErrorHandling, logSerializers, notFound } from './errors';
import { startRetentionJob, type RetentionJob } from './jobs/retention';
import { apiRoutes } from './routes/api';
import { METADATA_PATH, metadataRoutes } from './routes/metadata';
import { crossOriginIsolationHeaders } from './security-headers';
import { clientConfigRoute, type ClientConfig } from './sign-in';
import { pageNotFound, staticApp } from './static-app';

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
  metadata?: EndpointMetadata;
  /** Retention purge of people not seen for this many months, at start and daily; off when omitted. */
  retentionMonths?: number;
  clock?: Clock;
  /** Sign-in settings for the browser (GET /api/client-config) and the CSP; omitted: signed out only. */
  clientConfig?: ClientConfig;
  /**
   * Anonymous aggregates: the token key master secret (≥ 32 bytes) and the noise scale (0: none).
   * Omitted: a random secret for this process only (tests; tokens do not survive a restart).
   */
  aggregates?: { masterSecret: Uint8Array; noiseScale?: number };
}

const DEFAULT_METADATA: EndpointMetadata = {
  operator: 'Local development server (not a deployment)',
  jurisdiction: 'EU',
  region: 'local',
};

/** Largest request body anywhere; the /api JSON parser is stricter (routes/api.ts). */
export const BODY_LIMIT = 256 * 1024;

export async function buildServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { serializers: logSerializers, ...(options.logStream ? { stream: options.logStream } : {}) } : false,
    bodyLimit: BODY_LIMIT,
    // Bodies are validated strictly: a number is not a team name.
    ajv: { customOptions: { coerceTypes: false } },
    frameworkErrors,
  });
  const clientConfig = options.clientConfig ?? { signIn: null };
  crossOriginIsolationHeaders(app, { connectOrigins: clientConfig.signIn?.connectOrigins });
  installErrorHandling(app);
  if (options.staticDir) pageNotFound(app, { root: options.staticDir });
  else notFound(app);
  app.decorateRequest('principal', null);

  const clock = options.clock ?? systemClock;
  const metadata = options.metadata ?? DEFAULT_METADATA;
  await app.register(metadataRoutes([METADATA_PATH], metadata));
  await app.register(clientConfigRoute(clientConfig));

  if (options.db) {
    const auth = options.auth ?? null;
    const verifier = typeof auth === 'function' ? auth : auth ? createTokenVerifier(auth, clock) : null;
    const keys = createKeyRing(options.aggregates?.masterSecret ?? new Uint8Array(randomBytes(32)));
    const aggregateDbHandle = await aggregateDb(options.db);
    if (!aggregateDbHandle.restricted) app.log.warn(`role ${INGEST_ROLE} is not usable: the anonymous ingest runs as the application role`);
    // Token verification and issuance evaluation run on a worker pool (one thread per core by
    // default, TOKEN_CRYPTO_THREADS to change it); the workers start on first use.
    const tokenCrypto = createTokenCrypto();
    app.addHook('onClose', async () => tokenCrypto.close());
    const aggregates = { keys, aggregateDb: aggregateDbHandle, noiseScale: options.aggregates?.noiseScale ?? 0, tokenCrypto };
    await app.register(apiRoutes({ db: options.db, clock, verifier, metadata, aggregates }), { prefix: '/api' });
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
