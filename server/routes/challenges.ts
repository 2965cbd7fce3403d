/**
 * Team challenges (members only; a team the caller is not in answers 404, like the other team
 * routes):
 *  - POST   /api/teams/:id/challenges {metric, kind, goal, week}: the owner sets a goal for the
 *           current or one of the next MAX_WEEKS_AHEAD ISO weeks, at most MAX_CHALLENGES_PER_WEEK
 *           per team and week.
 *  - DELETE /api/teams/:id/challenges/:challengeId: the owner removes one.
 *  - GET    /api/teams/:id/challenges?week=YYYY-Www (default: the current week): the week's
 *           challenges with their progress.
 *
 * Progress comes from the PUBLISHED team totals only (aggregates/publish.ts teamTotals: closed days
 * with ≥ MIN_CONTRIBUTORS contributors, the same stored noise), never from raw sums, so a challenge
 * reveals nothing the totals do not. Metrics are those of the anonymous upload: active minutes,
 * reps and movement points.
 *  - team-total: value = the published week total of the metric.
 *  - per-participant-day: value = published week total / contributor-days, one decimal.
 * status: 'not-yet' (no day of the week has closed: first results on `resultsFrom`), 'waiting'
 * (days have closed but none had MIN_CONTRIBUTORS contributors), 'in-progress' or 'reached'.
 */
import type { FastifyInstance } from 'fastify';
import {
  METRICS,
  MIN_CONTRIBUTORS,
  UPLOAD_LIMITS,
  UPLOAD_WINDOW_DAYS,
  type Metric,
} from '../../src/core/aggregates';
import { WEEK_PATTERN_SOURCE, addDays, daysOfIsoWeek, isoWeekOf, utcDay } from '../../src/core/calendar';
import { CHALLENGE_KINDS, type Challenge, type ChallengeKind, type ChallengeStatus } from '../../src/core/api/team-results';
import type { Queryable } from '../db/connect';
import { TOKEN_PATTERN, randomToken, type Membership } from '../db/queries';
import { ApiError, errorSchema } from '../errors';
import type { NoiseScales } from '../aggregates/noise';
import { isClosed, publishedFrom, teamTotals } from '../aggregates/publish';
import { requireMembership, type ApiContext } from './context';
import { MAX_MEMBERS_PER_TEAM } from './teams';

export interface ChallengesContext extends ApiContext {
  noise: NoiseScales;
}

/** Challenges can be set for the current week and this many weeks after it. */
export const MAX_WEEKS_AHEAD = 4;
export const MAX_CHALLENGES_PER_WEEK = 5;
/** Also the database's bound on `goal`. */
export const MAX_GOAL = 1_000_000_000;

/** The largest sensible goal: what one person can upload a day, or a full team in a week. */
export function maxGoal(metric: Metric, kind: ChallengeKind): number {
  const perDay = UPLOAD_LIMITS[metric].max;
  return kind === 'per-participant-day' ? perDay : Math.min(MAX_GOAL, perDay * MAX_MEMBERS_PER_TEAM * 7);
}


interface ChallengeRow {
  id: string;
  week: string;
  metric: Metric;
  kind: ChallengeKind;
  goal: number;
}

const errors = { '4xx': errorSchema } as const;
const token = { type: 'string', pattern: TOKEN_PATTERN } as const;
const week = { type: 'string', pattern: WEEK_PATTERN_SOURCE } as const;
const teamParams = { type: 'object', required: ['id'], properties: { id: token } } as const;

const createBody = {
  type: 'object',
  required: ['metric', 'kind', 'goal', 'week'],
  additionalProperties: false,
  properties: {
    metric: { type: 'string', enum: [...METRICS] },
    kind: { type: 'string', enum: [...CHALLENGE_KINDS] },
    goal: { type: 'integer', minimum: 1, maximum: MAX_GOAL },
    week,
  },
} as const;

const challengeView = {
  type: 'object',
  required: ['id', 'week', 'metric', 'kind', 'goal', 'value', 'fraction', 'reached', 'status', 'daysPublished', 'daysClosed', 'complete', 'resultsFrom'],
  properties: {
    id: { type: 'string' },
    week: { type: 'string' },
    metric: { type: 'string' },
    kind: { type: 'string' },
    goal: { type: 'integer' },
    /** null while nothing of the week is published. */
    value: { type: ['number', 'null'] },
    /** value / goal, 0..1 (three decimals); null with value. */
    fraction: { type: ['number', 'null'] },
    reached: { type: 'boolean' },
    status: { type: 'string', enum: ['not-yet', 'waiting', 'in-progress', 'reached'] },
    daysPublished: { type: 'integer' },
    daysClosed: { type: 'integer' },
    /** Every day of the week has closed: the value is final. */
    complete: { type: 'boolean' },
    /** The day the week's first day can be published (its upload window closed). */
    resultsFrom: { type: 'string' },
  },
} as const;

const listView = {
  type: 'object',
  required: ['team', 'week', 'currentWeek', 'minContributors', 'uploadWindowDays', 'maxPerWeek', 'challenges'],
  properties: {
    team: { type: 'string' },
    week: { type: 'string' },
    currentWeek: { type: 'string' },
    minContributors: { type: 'integer' },
    uploadWindowDays: { type: 'integer' },
    maxPerWeek: { type: 'integer' },
    challenges: { type: 'array', items: challengeView },
  },
} as const;


function requireOwner(membership: Membership): void {
  if (!membership.isOwner) throw new ApiError(403, 'not-owner', 'Only the team owner can do this.');
}

function weekDays(value: string): string[] {
  const days = daysOfIsoWeek(value);
  if (!days) throw new ApiError(400, 'invalid-week', 'The week must be an ISO week, YYYY-Www.');
  return days;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Progress of each challenge of one week, from the published totals. */
export async function challengeProgress(
  q: Queryable,
  ctx: { noise: NoiseScales },
  teamId: string,
  week: string,
  rows: ChallengeRow[],
  today: string,
): Promise<Challenge[]> {
  const days = weekDays(week);
  const daysClosed = days.filter((day) => isClosed(day, today)).length;
  const base = { daysClosed, complete: daysClosed === days.length, resultsFrom: publishedFrom(days[0]) };
  if (rows.length === 0) return [];
  const totals = await teamTotals(q, { noise: ctx.noise }, teamId, week, days, today);
  const { published, daysPublished, contributorDays } = totals.total;
  return rows.map((row) => {
    let value: number | null = null;
    if (published && totals.total.totals) {
      const sum = totals.total.totals[row.metric];
      value = row.kind === 'team-total' ? sum : contributorDays ? round1(sum / contributorDays) : null;
    }
    const reached = value !== null && value >= row.goal;
    const status: ChallengeStatus = daysClosed === 0 ? 'not-yet' : value === null ? 'waiting' : reached ? 'reached' : 'in-progress';
    return {
      id: row.id,
      week: row.week,
      metric: row.metric,
      kind: row.kind,
      goal: row.goal,
      value,
      fraction: value === null ? null : Math.round(Math.min(1, value / row.goal) * 1000) / 1000,
      reached,
      status,
      daysPublished,
      ...base,
    };
  });
}

async function challengesOf(q: Queryable, teamId: string, week: string): Promise<ChallengeRow[]> {
  return q.query<ChallengeRow>('SELECT id, week, metric, kind, goal FROM challenges WHERE team_id = $1 AND week = $2 ORDER BY seq', [teamId, week]);
}

export function challengeRoutes(ctx: ChallengesContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Params: { id: string }; Querystring: { week?: string } }>(
      '/teams/:id/challenges',
      {
        schema: {
          params: teamParams,
          querystring: { type: 'object', additionalProperties: false, properties: { week } },
          response: { 200: listView, ...errors },
        },
      },
      async (request) => {
        const today = utcDay(ctx.clock());
        const currentWeek = isoWeekOf(today);
        const requested = request.query.week ?? currentWeek;
        weekDays(requested);
        const teamId = request.params.id;
        const challenges = await ctx.db.transaction(async (tx) => {
          await requireMembership(tx, ctx, request, teamId);
          return challengeProgress(tx, ctx, teamId, requested, await challengesOf(tx, teamId, requested), today);
        });
        return {
          team: teamId,
          week: requested,
          currentWeek,
          minContributors: MIN_CONTRIBUTORS,
          uploadWindowDays: UPLOAD_WINDOW_DAYS,
          maxPerWeek: MAX_CHALLENGES_PER_WEEK,
          challenges,
        };
      },
    );

    app.post<{ Params: { id: string }; Body: { metric: Metric; kind: ChallengeKind; goal: number; week: string } }>(
      '/teams/:id/challenges',
      { schema: { params: teamParams, body: createBody, response: { 201: challengeView, ...errors } } },
      async (request, reply) => {
        const { metric, kind, goal } = request.body;
        const today = utcDay(ctx.clock());
        const days = weekDays(request.body.week);
        const thisMonday = weekDays(isoWeekOf(today))[0];
        if (days[0] < thisMonday) throw new ApiError(400, 'week-in-past', 'Challenges can only be set for the current week or a later one.');
        if (days[0] > addDays(thisMonday, 7 * MAX_WEEKS_AHEAD)) {
          throw new ApiError(400, 'week-too-far', `Challenges can be set at most ${MAX_WEEKS_AHEAD} weeks ahead.`);
        }
        const limit = maxGoal(metric, kind);
        if (goal > limit) throw new ApiError(400, 'invalid-goal', `The goal for this metric and kind must be 1 to ${limit}.`);
        const teamId = request.params.id;
        const created = await ctx.db.transaction(async (tx) => {
          requireOwner((await requireMembership(tx, ctx, request, teamId)).membership);
          // Serialises creations per team, so the per-week limit holds under concurrent requests.
          await tx.query('SELECT id FROM teams WHERE id = $1 FOR UPDATE', [teamId]);
          const existing = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM challenges WHERE team_id = $1 AND week = $2', [teamId, request.body.week]);
          if (existing[0].n >= MAX_CHALLENGES_PER_WEEK) {
            throw new ApiError(409, 'too-many-challenges', `A team can have at most ${MAX_CHALLENGES_PER_WEEK} challenges a week.`);
          }
          const row: ChallengeRow = { id: randomToken(), week: request.body.week, metric, kind, goal };
          await tx.query('INSERT INTO challenges (id, team_id, week, metric, kind, goal, created_on) VALUES ($1, $2, $3, $4, $5, $6, $7::date)', [
            row.id, teamId, row.week, metric, kind, goal, today,
          ]);
          return (await challengeProgress(tx, ctx, teamId, row.week, [row], today))[0];
        });
        request.log.info('challenge created');
        return reply.code(201).send(created);
      },
    );

    app.delete<{ Params: { id: string; challengeId: string } }>(
      '/teams/:id/challenges/:challengeId',
      { schema: { params: { type: 'object', required: ['id', 'challengeId'], properties: { id: token, challengeId: token } }, response: errors } },
      async (request, reply) => {
        await ctx.db.transaction(async (tx) => {
          requireOwner((await requireMembership(tx, ctx, request, request.params.id)).membership);
          const deleted = await tx.query('DELETE FROM challenges WHERE id = $1 AND team_id = $2 RETURNING id', [request.params.challengeId, request.params.id]);
          if (deleted.length === 0) throw new ApiError(404, 'challenge-not-found', 'No such challenge in this team.');
        });
        return reply.code(204).send();
      },
    );
  };
}
