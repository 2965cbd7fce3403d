/**
 * Team challenges: the owner sets a goal for the current or one of the next MAX_WEEKS_AHEAD ISO
 * weeks, at most MAX_CHALLENGES_PER_WEEK per team and week; members see the progress.
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
import { MIN_CONTRIBUTORS, UPLOAD_WINDOW_DAYS } from '../../src/core/aggregates';
import {
  MAX_CHALLENGES_PER_WEEK,
  MAX_WEEKS_AHEAD,
  maxGoal,
  type Challenge,
  type ChallengeList,
  type ChallengeStatus,
  type CreateChallengeBody,
} from '../../src/core/api/challenges';
import { addDays, isoWeekOf, utcDay } from '../../src/core/calendar';
import type { NoiseScales } from '../aggregates/noise';
import { isClosed, publishedFrom, round1, teamTotals } from '../aggregates/publish';
import type { Queryable } from '../db/connect';
import { randomId } from '../db/ids';
import { ApiError } from '../errors';
import { requireMembership, requireOwner, weekDays, type ApiContext, type Caller } from '../routes/context';
import * as repo from './repository';
import type { ChallengeRow } from './repository';

export interface ChallengesContext extends ApiContext {
  noise: NoiseScales;
}

/** Progress of each challenge of one week, from the published totals. */
async function challengeProgress(
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
  const totals = await teamTotals(q, ctx.noise, teamId, week, days, today);
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
      ...row,
      value,
      fraction: value === null ? null : Math.round(Math.min(1, value / row.goal) * 1000) / 1000,
      reached,
      status,
      daysPublished,
      ...base,
    };
  });
}

/** The week's challenges (default: the current week) with their progress. */
export async function listChallenges(ctx: ChallengesContext, caller: Caller, teamId: string, week: string | undefined): Promise<ChallengeList> {
  const today = utcDay(ctx.clock());
  const currentWeek = isoWeekOf(today);
  const requested = week ?? currentWeek;
  weekDays(requested);
  const challenges = await ctx.db.transaction(async (tx) => {
    await requireMembership(tx, ctx, caller, teamId);
    return challengeProgress(tx, ctx, teamId, requested, await repo.challengesOf(tx, teamId, requested), today);
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
}

export async function createChallenge(ctx: ChallengesContext, caller: Caller, teamId: string, body: CreateChallengeBody): Promise<Challenge> {
  const { metric, kind, goal, week } = body;
  const today = utcDay(ctx.clock());
  const days = weekDays(week);
  const thisMonday = weekDays(isoWeekOf(today))[0];
  if (days[0] < thisMonday) throw new ApiError(400, 'week-in-past', 'Challenges can only be set for the current week or a later one.');
  if (days[0] > addDays(thisMonday, 7 * MAX_WEEKS_AHEAD)) {
    throw new ApiError(400, 'week-too-far', `Challenges can be set at most ${MAX_WEEKS_AHEAD} weeks ahead.`);
  }
  const limit = maxGoal(metric, kind);
  if (goal > limit) throw new ApiError(400, 'invalid-goal', `The goal for this metric and kind must be 1 to ${limit}.`);
  return ctx.db.transaction(async (tx) => {
    await requireOwner(tx, ctx, caller, teamId);
    await repo.lockTeam(tx, teamId);
    if ((await repo.countChallenges(tx, teamId, week)) >= MAX_CHALLENGES_PER_WEEK) {
      throw new ApiError(409, 'too-many-challenges', `A team can have at most ${MAX_CHALLENGES_PER_WEEK} challenges a week.`);
    }
    const row: ChallengeRow = { id: randomId(), week, metric, kind, goal };
    await repo.insertChallenge(tx, teamId, row, today);
    return (await challengeProgress(tx, ctx, teamId, week, [row], today))[0];
  });
}

export async function deleteChallenge(ctx: ApiContext, caller: Caller, teamId: string, challengeId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await requireOwner(tx, ctx, caller, teamId);
    if (!(await repo.deleteChallenge(tx, teamId, challengeId))) throw new ApiError(404, 'challenge-not-found', 'No such challenge in this team.');
  });
}
