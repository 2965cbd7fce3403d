/**
 * Unlinkable aggregates (docs/design.md §7):
 *  - POST /api/tokens (signed in): blind evaluations of Privacy Pass token requests, at most one
 *    per member, team and day, for today and the next ISSUE_DAYS - 1 days.
 *  - GET /api/token-keys (public): every current (team, day) public key in one list, the same for
 *    everybody, so nobody can be handed a personal key.
 *  - POST /api/contributions (anonymous): see aggregates/ingest.ts. Registered outside the sign-in
 *    guard; it reads neither cookies nor the Authorization header.
 *  - GET /api/teams/:id/totals and /comparison (members): see aggregates/publish.ts.
 */
import '../aggregates/voprf-crypto';
import type { FastifyInstance } from 'fastify';
import { TOKEN_TYPES, privateVerif } from '@cloudflare/privacypass-ts';
import {
  ISSUE_DAYS,
  MIN_CONTRIBUTORS,
  TOKEN_B64_LENGTH,
  TOKEN_ISSUER_NAME,
  UPLOAD_LIMITS,
  UPLOAD_WINDOW_DAYS,
  type Contribution,
} from '../../src/core/aggregates';
import { DAY_PATTERN_SOURCE, WEEK_PATTERN_SOURCE, addDays, daysOfIsoWeek, isDay, utcDay, utcDayStart } from '../../src/core/calendar';
import { ID_PATTERN as TOKEN_PATTERN } from '../../src/core/api/common';
import { ApiError, errorSchema } from '../errors';
import { ingest, type AggregateDb } from '../aggregates/ingest';
import { issuanceMarker, type KeyRing } from '../aggregates/keys';
import type { UploadBatcher } from '../aggregates/batcher';
import type { NoiseScales } from '../aggregates/noise';
import type { Queryable } from '../db/connect';
import type { TokenCrypto } from '../aggregates/verify-pool';
import { teamComparison, teamTotals } from '../aggregates/publish';
import { MAX_TEAMS_PER_PERSON } from '../../src/core/api/teams';
import { knownPerson, principalOf, requireMembership, type ApiContext } from './context';
import { createKeyList } from './key-list';

export interface AggregatesContext extends ApiContext {
  keys: KeyRing;
  aggregateDb: AggregateDb;
  /** Noise scale per metric (0: none). */
  noise: NoiseScales;
  /** HMAC key of the issuance markers (derived from the token master secret). */
  markerKey: Uint8Array;
  /** Commits verified uploads in shuffled batches. */
  batcher: UploadBatcher;
  /** Token verification and issuance evaluation (a worker pool in the server). */
  tokenCrypto: TokenCrypto;
}

/** A contribution is ~330 bytes of JSON; anything much larger is not one. */
export const CONTRIBUTION_BODY_LIMIT = 1024;
/** One request per team and day of the issuance window. */
export const MAX_TOKEN_REQUESTS = MAX_TEAMS_PER_PERSON * ISSUE_DAYS;
/** Serialized VOPRF TokenRequest: 2 + 1 + 49 bytes. */
const TOKEN_REQUEST_B64_LENGTH = Math.ceil((52 * 4) / 3);

const errors = { '4xx': errorSchema } as const;
const team = { type: 'string', pattern: TOKEN_PATTERN } as const;
const day = { type: 'string', pattern: DAY_PATTERN_SOURCE } as const;
const b64 = (length: number) => ({ type: 'string', pattern: `^[A-Za-z0-9_-]{${length}}$` }) as const;
const count = (metric: keyof typeof UPLOAD_LIMITS) => ({ type: 'integer', minimum: UPLOAD_LIMITS[metric].min, maximum: UPLOAD_LIMITS[metric].max }) as const;

const contributionBody = {
  type: 'object',
  required: ['token', 'team', 'day', 'activeMinutes', 'reps', 'movementPoints'],
  additionalProperties: false,
  properties: {
    token: b64(TOKEN_B64_LENGTH),
    team,
    day,
    activeMinutes: count('activeMinutes'),
    reps: count('reps'),
    movementPoints: count('movementPoints'),
  },
} as const;

const tokensBody = {
  type: 'object',
  required: ['requests'],
  additionalProperties: false,
  properties: {
    requests: {
      type: 'array',
      maxItems: MAX_TOKEN_REQUESTS,
      items: {
        type: 'object',
        required: ['team', 'day', 'request'],
        additionalProperties: false,
        properties: { team, day, request: b64(TOKEN_REQUEST_B64_LENGTH) },
      },
    },
  },
} as const;

const CONTRIBUTION_FIELDS = new Set<string>(contributionBody.required);

interface TokenRequestItem {
  team: string;
  day: string;
  request: string;
}

type Refusal = 'not-a-member' | 'team-too-small' | 'day-out-of-range' | 'already-issued' | 'malformed-request';

/** Routes that need no sign-in: the public key list and the anonymous upload. */
export function publicAggregateRoutes(ctx: AggregatesContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    // The same list for everybody, built once per day and set of teams (key-list.ts).
    const keyList = createKeyList(ctx.db, ctx.keys, ctx.clock);
    // Warm at start, in the background (derivation yields, so requests are served meanwhile).
    app.addHook('onReady', async () => {
      keyList.body().catch(() => undefined);
    });
    app.get('/token-keys', async (_request, reply) => {
      reply.header('content-type', 'application/json; charset=utf-8');
      return reply.send(await keyList.body());
    });

    app.post<{ Body: Contribution }>(
      '/contributions',
      {
        bodyLimit: CONTRIBUTION_BODY_LIMIT,
        // Fastify's Ajv strips unknown properties; an upload with anything extra is refused instead.
        preValidation: async (request) => {
          const body = request.body;
          if (body && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).some((k) => !CONTRIBUTION_FIELDS.has(k))) {
            throw new ApiError(400, 'invalid-request', 'Invalid request: the upload has properties other than token, team, day, activeMinutes, reps and movementPoints.');
          }
        },
        schema: {
          body: contributionBody,
          response: { 200: { type: 'object', required: ['counted', 'duplicate'], properties: { counted: { type: 'boolean' }, duplicate: { type: 'boolean' } } }, ...errors },
        },
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

function weekDays(week: string): string[] {
  const days = daysOfIsoWeek(week);
  if (!days) throw new ApiError(400, 'invalid-week', 'The week must be an ISO week, YYYY-Www.');
  return days;
}

const weekQuery = { type: 'object', required: ['week'], additionalProperties: false, properties: { week: { type: 'string', pattern: WEEK_PATTERN_SOURCE } } } as const;
const teamParams = { type: 'object', required: ['id'], properties: { id: team } } as const;

/** Routes behind the sign-in guard. */
export function guardedAggregateRoutes(ctx: AggregatesContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.post<{ Body: { requests: TokenRequestItem[] } }>(
      '/tokens',
      { bodyLimit: 128 * 1024, schema: { body: tokensBody, response: errors } },
      async (request) => {
        const today = utcDay(ctx.clock());
        const lastDay = addDays(today, ISSUE_DAYS - 1);
        const personId = await knownPerson(ctx.db, ctx, request);
        const { issuer, subject } = principalOf(request);
        const memberships = personId ? await teamSizes(ctx.db, personId) : new Map<string, number>();
        // Abuse limits before any cryptography: a batch naming one (team, day) twice is refused
        // whole, and items already issued to this person (the markers) are refused without an evaluation.
        const seen = new Set<string>();
        for (const item of request.body.requests) {
          const id = `${item.team}|${item.day}`;
          if (seen.has(id)) throw new ApiError(400, 'duplicate-item', `Invalid request: team ${item.team} and day ${item.day} are asked for more than once.`);
          seen.add(id);
        }
        const markerOf = (item: { team: string; day: string }) => issuanceMarker(ctx.markerKey, issuer, subject, item.team, item.day);
        const asked = memberships.size > 0 ? request.body.requests.filter((item) => memberships.has(item.team)).map(markerOf) : [];
        const alreadyIssued = new Set(
          asked.length > 0
            ? (await ctx.db.query<{ marker: Uint8Array }>('SELECT marker FROM issuance_markers WHERE marker = ANY($1::bytea[])', [asked])).map((r) =>
                Buffer.from(r.marker).toString('hex'),
              )
            : [],
        );
        // Requests are evaluated concurrently on the token crypto pool; answers keep the request order.
        type Outcome = { team: string; day: string; response: string } | { team: string; day: string; error: Refusal };
        const outcomes = await Promise.all(
          request.body.requests.map(async (item): Promise<Outcome> => {
            const size = memberships.get(item.team);
            if (size === undefined) return { team: item.team, day: item.day, error: 'not-a-member' };
            // A team under k members gets no tokens at all: its sums would hold one person's day.
            if (size < MIN_CONTRIBUTORS) return { ...pick(item), error: 'team-too-small' };
            if (!isDay(item.day) || item.day < today || item.day > lastDay) return { ...pick(item), error: 'day-out-of-range' };
            if (alreadyIssued.has(markerOf(item).toString('hex'))) return { ...pick(item), error: 'already-issued' };
            try {
              const bytes = new Uint8Array(Buffer.from(item.request, 'base64url'));
              const tokenRequest = privateVerif.TokenRequest.deserialize(bytes);
              const key = ctx.keys.key(item.team, item.day);
              if (tokenRequest.tokenType !== TOKEN_TYPES.VOPRF.value || tokenRequest.truncatedTokenKeyId !== key.keyId[key.keyId.length - 1]) {
                throw new Error('wrong key');
              }
              const response = await ctx.tokenCrypto.issue(key.privateKey, key.publicKey, bytes);
              return { ...pick(item), response: Buffer.from(response).toString('base64url') };
            } catch {
              return { ...pick(item), error: 'malformed-request' };
            }
          }),
        );
        const refused: { team: string; day: string; error: Refusal }[] = [];
        const evaluated: { team: string; day: string; response: string }[] = [];
        for (const outcome of outcomes) {
          if ('error' in outcome) refused.push(outcome);
          else evaluated.push(outcome);
        }
        // The quota: one token per PERSON, team and day, for ever: a keyed marker of issuer +
        // subject (issuance_markers) that no account deletion or re-join frees. Membership and the
        // team size are checked again inside the transaction: the person may have left the team (or
        // the team closed, or the account was deleted) while the evaluations were computed.
        const issued = await ctx.db
          .transaction(async (tx) => {
            const late: typeof refused = [];
            const granted = new Set<(typeof evaluated)[number]>();
            // Shared count rows are locked in one global order (team, day): concurrent issuances never deadlock.
            const ordered = [...evaluated].sort((a, b) => (a.team === b.team ? (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) : a.team < b.team ? -1 : 1));
            for (const item of ordered) {
              const size = personId ? (await teamSizes(tx, personId)).get(item.team) : undefined;
              if (size === undefined) {
                late.push({ ...pick(item), error: 'not-a-member' });
                continue;
              }
              if (size < MIN_CONTRIBUTORS) {
                late.push({ ...pick(item), error: 'team-too-small' });
                continue;
              }
              const marker = markerOf(item);
              const fresh = await tx.query('INSERT INTO issuance_markers (marker, day) VALUES ($1, $2::date) ON CONFLICT DO NOTHING RETURNING day', [marker, item.day]);
              if (fresh.length === 0) {
                late.push({ ...pick(item), error: 'already-issued' });
                continue;
              }
              await tx.query('INSERT INTO token_issuance (person_id, team_id, day) VALUES ($1, $2, $3::date) ON CONFLICT DO NOTHING', [personId, item.team, item.day]);
              await tx.query(
                `INSERT INTO issuance_counts (team_id, day, people) VALUES ($1, $2::date, 1)
                 ON CONFLICT (team_id, day) DO UPDATE SET people = issuance_counts.people + 1`,
                [item.team, item.day],
              );
              granted.add(item);
            }
            refused.push(...late);
            return evaluated.filter((item) => granted.has(item));
          })
          .catch((error: { code?: string }) => {
            // 23503: the person or team row went away between the check and the insert.
            if (error.code !== '23503') throw error;
            refused.push(...evaluated.map((item) => ({ ...pick(item), error: 'not-a-member' as const })));
            return [];
          });
        return { issued, refused };
      },
    );

    app.get<{ Params: { id: string }; Querystring: { week: string } }>(
      '/teams/:id/totals',
      { schema: { params: teamParams, querystring: weekQuery, response: errors } },
      async (request) => {
        const days = weekDays(request.query.week);
        await requireMembership(ctx.db, ctx, request, request.params.id);
        return { team: request.params.id, ...(await teamTotals(ctx.db, { noise: ctx.noise }, request.params.id, request.query.week, days, utcDay(ctx.clock()))) };
      },
    );

    app.get<{ Params: { id: string }; Querystring: { week: string } }>(
      '/teams/:id/comparison',
      { schema: { params: teamParams, querystring: weekQuery, response: errors } },
      async (request) => {
        const days = weekDays(request.query.week);
        await requireMembership(ctx.db, ctx, request, request.params.id);
        return { team: request.params.id, ...(await teamComparison(ctx.db, { noise: ctx.noise }, request.params.id, request.query.week, days, utcDay(ctx.clock()))) };
      },
    );
  };
}

/** The person's teams and how many members each has. */
async function teamSizes(q: Queryable, personId: string): Promise<Map<string, number>> {
  const rows = await q.query<{ team_id: string; n: number }>(
    `SELECT m.team_id, (SELECT count(*)::int FROM memberships c WHERE c.team_id = m.team_id) AS n
       FROM memberships m WHERE m.person_id = $1`,
    [personId],
  );
  return new Map(rows.map((r) => [r.team_id, r.n]));
}

function pick(item: { team: string; day: string }) {
  return { team: item.team, day: item.day };
}
