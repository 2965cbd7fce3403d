/**
 * The team challenges API (/api/teams/:id/challenges), written once for the server and the page.
 * Progress comes from the published team totals only (see server/challenges/service.ts).
 */
import { Type, type Static } from 'typebox';
import { METRICS, UPLOAD_LIMITS, type Metric } from '../aggregates';
import { OpaqueId, Week } from './common';
import { MAX_MEMBERS_PER_TEAM } from './teams';

/** Challenges can be set for the current week and this many weeks after it. */
export const MAX_WEEKS_AHEAD = 4;
export const MAX_CHALLENGES_PER_WEEK = 5;
/** Also the database's bound on `goal`. */
export const MAX_GOAL = 1_000_000_000;

export const CHALLENGE_KINDS = ['team-total', 'per-participant-day'] as const;
export const ChallengeKind = Type.Enum(CHALLENGE_KINDS);
export type ChallengeKind = Static<typeof ChallengeKind>;

/** The largest sensible goal: what one person can upload a day, or a full team in a week. */
export function maxGoal(metric: Metric, kind: ChallengeKind): number {
  const perDay = UPLOAD_LIMITS[metric].max;
  return kind === 'per-participant-day' ? perDay : Math.min(MAX_GOAL, perDay * MAX_MEMBERS_PER_TEAM * 7);
}

const MetricSchema = Type.Enum(METRICS as Metric[]);

export const ChallengeParams = Type.Object({ id: OpaqueId, challengeId: OpaqueId });
/** GET ?week=YYYY-Www; default: the current week. */
export const WeekQuery = Type.Object({ week: Type.Optional(Week) }, { additionalProperties: false });
export const CreateChallengeBody = Type.Object(
  { metric: MetricSchema, kind: ChallengeKind, goal: Type.Integer({ minimum: 1, maximum: MAX_GOAL }), week: Week },
  { additionalProperties: false },
);
export type CreateChallengeBody = Static<typeof CreateChallengeBody>;

/** not-yet: no day of the week has closed; waiting: days closed, none with enough contributors. */
export const ChallengeStatus = Type.Enum(['not-yet', 'waiting', 'in-progress', 'reached']);
export type ChallengeStatus = Static<typeof ChallengeStatus>;

export const Challenge = Type.Object({
  id: Type.String(),
  week: Type.String(),
  metric: MetricSchema,
  kind: ChallengeKind,
  goal: Type.Integer(),
  /** null while nothing of the week is published. */
  value: Type.Union([Type.Number(), Type.Null()]),
  /** value / goal, 0..1 (three decimals); null with value. */
  fraction: Type.Union([Type.Number(), Type.Null()]),
  reached: Type.Boolean(),
  status: ChallengeStatus,
  daysPublished: Type.Integer(),
  daysClosed: Type.Integer(),
  /** Every day of the week has closed: the value is final. */
  complete: Type.Boolean(),
  /** The day the week's first day can be published (its upload window closed). */
  resultsFrom: Type.String(),
});
export type Challenge = Static<typeof Challenge>;

/** GET /api/teams/:id/challenges?week= */
export const ChallengeList = Type.Object({
  team: Type.String(),
  week: Type.String(),
  currentWeek: Type.String(),
  minContributors: Type.Integer(),
  uploadWindowDays: Type.Integer(),
  maxPerWeek: Type.Integer(),
  challenges: Type.Array(Challenge),
});
export type ChallengeList = Static<typeof ChallengeList>;
