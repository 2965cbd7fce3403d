/**
 * Unlinkable aggregates (docs/design.md §7):
 *  - POST /api/tokens (signed in): blind evaluations of Privacy Pass token requests, at most one
 *    per member, team and day, for today and the next ISSUE_DAYS - 1 days (service.ts).
 *  - GET /api/token-keys (public): every current (team, day) public key in one list, the same for
 *    everybody, so nobody can be handed a personal key (key-list.ts).
 *  - POST /api/contributions (anonymous): see ingest.ts. Registered outside the sign-in guard; it
 *    reads neither cookies nor the Authorization header.
 *  - GET /api/teams/:id/totals and /comparison (members): see publish.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Contribution, ContributionReceipt, Issuance, TokenRequests } from '../../src/core/api/aggregates';
import { OpaqueId, Week } from '../../src/core/api/common';
import { Comparison, WeekTotals } from '../../src/core/api/team-results';
import { addDays, utcDay, utcDayStart } from '../../src/core/calendar';
import { ApiError } from '../errors';
import { errors, knownPerson, principalOf, requireMembership, weekDays, type ApiContext } from '../routes/context';
import type { UploadBatcher } from './batcher';
import { ingest, type AggregateDb } from './ingest';
import { createKeyList } from './key-list';
import type { NoiseScales } from './noise';
import { teamComparison, teamTotals } from './publish';
import { issueTokens, type IssuanceContext } from './service';

export interface AggregatesContext extends ApiContext, IssuanceContext {
  aggregateDb: AggregateDb;
  /** Noise scale per metric (0: none). */
  noise: NoiseScales;
  /** Commits verified uploads in shuffled batches. */
  batcher: UploadBatcher;
}

/** A contribution is ~330 bytes of JSON; anything much larger is not one. */
export const CONTRIBUTION_BODY_LIMIT = 1024;

const CONTRIBUTION_FIELDS = new Set(Object.keys(Contribution.properties));

/** Routes that need no sign-in: the public key list and the anonymous upload. */
export function publicAggregateRoutes(ctx: AggregatesContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    // The same list for everybody, built once per day and set of teams (key-list.ts).
    const keyList = createKeyList(ctx.db, ctx.keys, ctx.clock);
    // Warm at start, in the background (derivation yields, so requests are served meanwhile).
    api.addHook('onReady', async () => {
      keyList.body().catch(() => undefined);
    });
    api.get('/token-keys', async (_request, reply) => {
      reply.header('content-type', 'application/json; charset=utf-8');
      return reply.send(await keyList.body());
    });

    api.post(
      '/contributions',
      {
        bodyLimit: CONTRIBUTION_BODY_LIMIT,
        // Fastify's Ajv strips unknown properties; an upload with anything extra is refused instead.
        preValidation: async (request) => {
          const body: unknown = request.body;
          if (body && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).some((k) => !CONTRIBUTION_FIELDS.has(k))) {
            throw new ApiError(400, 'invalid-request', 'Invalid request: the upload has properties other than token, team, day, activeMinutes, reps and movementPoints.');
          }
        },
        schema: { body: Contribution, response: { 200: ContributionReceipt, ...errors } },
      },
      // Only the validated body is read: no cookie, no Authorization, no IP, and nothing is logged.
      async (request, reply) => {
        const now = ctx.clock();
        const today = utcDay(now);
        // A client clock slightly ahead uploads "yesterday" while it is still today here: not a
        // final refusal (the contribution would be lost) but 425 Too Early, retried after midnight UTC.
        if (request.body.day === today) {
          const opensAt = utcDayStart(addDays(today, 1));
          reply.header('Retry-After', String(Math.max(1, Math.ceil((opensAt - now.getTime()) / 1000))));
          throw new ApiError(425, 'day-not-open-yet', 'Uploads for this day open at midnight UTC; try again then.');
        }
        return ingest(ctx.batcher, ctx.keys, today, request.body, ctx.tokenCrypto);
      },
    );
  };
}

const teamWeek = { params: Type.Object({ id: OpaqueId }), querystring: Type.Object({ week: Week }, { additionalProperties: false }) };

/** Routes behind the sign-in guard. */
export function guardedAggregateRoutes(ctx: AggregatesContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    api.post(
      '/tokens',
      { bodyLimit: 128 * 1024, schema: { body: TokenRequests, response: { 200: Issuance, ...errors } } },
      async (request) => {
        const today = utcDay(ctx.clock());
        const personId = await knownPerson(ctx.db, ctx, request);
        const { issuer, subject } = principalOf(request);
        return issueTokens(ctx, { personId, issuer, subject }, request.body.requests, today);
      },
    );

    api.get('/teams/:id/totals', { schema: { ...teamWeek, response: { 200: WeekTotals, ...errors } } }, async (request) => {
      const days = weekDays(request.query.week);
      await requireMembership(ctx.db, ctx, request, request.params.id);
      return teamTotals(ctx.db, ctx.noise, request.params.id, request.query.week, days, utcDay(ctx.clock()));
    });

    api.get('/teams/:id/comparison', { schema: { ...teamWeek, response: { 200: Comparison, ...errors } } }, async (request) => {
      const days = weekDays(request.query.week);
      await requireMembership(ctx.db, ctx, request, request.params.id);
      return teamComparison(ctx.db, ctx.noise, request.params.id, request.query.week, days, utcDay(ctx.clock()));
    });
  };
}
