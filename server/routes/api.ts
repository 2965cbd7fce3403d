/**
 * The API under /api: JSON only, small bodies, `Cache-Control: no-store`, JSON 404s, and the
 * sign-in guard on every route except the metadata.
 */
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../auth/plugin';
import type { TokenVerifier } from '../auth/verify';
import type { EndpointStatement } from '../../src/core/api/metadata';
import { ApiError, notFound } from '../errors';
import type { PersonLimiter } from '../rate-limit';
import { duplicateKey } from '../strict-json';
import { accountRoutes } from '../account/routes';
import { challengeRoutes } from '../challenges/routes';
import { guardedAggregateRoutes, publicAggregateRoutes, type AggregatesContext } from '../aggregates/routes';
import type { ApiContext } from './context';
import { metadataRoutes } from './metadata';
import { teamRoutes } from '../teams/routes';

/** Every API body is tiny (a team name or an invite code). */
export const API_BODY_LIMIT = 16 * 1024;

export interface ApiOptions extends ApiContext {
  verifier: TokenVerifier | null;
  metadata: EndpointStatement;
  /** Privacy Pass issuance, anonymous ingest and publication; omitted: those routes are absent. */
  aggregates: Omit<AggregatesContext, keyof ApiContext> | null;
  /** The per-person abuse limit on the signed-in routes; null: none. */
  perPerson?: PersonLimiter | null;
}

export function apiRoutes(options: ApiOptions) {
  return async function register(app: FastifyInstance): Promise<void> {
    // An empty JSON body (e.g. POST /leave sent with a JSON content type) is no body, not an error.
    const json = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: API_BODY_LIMIT }, (request, body, done) => {
      if (body === '' || (typeof body === 'string' && body.trim() === '')) return done(null, undefined);
      json(request, body as string, (error, value) => {
        if (error) return done(error, undefined);
        // JSON.parse keeps the last of two equal keys; a body with one is refused, not guessed at.
        const key = duplicateKey(body as string);
        if (key !== null) {
          return done(new ApiError(400, 'duplicate-key', `Invalid request: the property "${key.slice(0, 40)}" appears twice in one object.`), undefined);
        }
        done(null, value);
      });
    });
    app.addHook('onSend', async (_request, reply) => {
      if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    });
    notFound(app, 'No such API route.');

    // Anonymous routes are never logged per request: a log line would time-stamp each upload.
    await app.register(metadataRoutes(['/metadata'], options.metadata), { logLevel: 'silent' });
    const aggregates = options.aggregates ? { db: options.db, clock: options.clock, ...options.aggregates } : null;
    // Anonymous: outside the sign-in guard, so no Authorization header is ever looked at.
    if (aggregates) await app.register(publicAggregateRoutes(aggregates), { logLevel: 'silent' });
    await app.register(async (guarded) => {
      guarded.addHook('onRequest', requireAuth(options.verifier));
      if (options.perPerson) await options.perPerson.register(guarded);
      await guarded.register(accountRoutes(options));
      await guarded.register(teamRoutes(options));
      if (aggregates) await guarded.register(guardedAggregateRoutes(aggregates));
      if (aggregates) await guarded.register(challengeRoutes(aggregates));
    });
  };
}
