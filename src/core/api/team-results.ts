/**
 * The shapes of the team results API (totals, comparison; challenges: challenges.ts): one definition for the
 * server that builds them and the page that shows them.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { Day, OpaqueId, Week } from './common';

export const Sums = Type.Object({ activeMinutes: Type.Number(), reps: Type.Number(), movementPoints: Type.Number() });
export type Sums = Static<typeof Sums>;
const orNull = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A day: `open` while it still takes uploads (nothing published yet). */
export const DayTotal = Type.Object({ day: Day, open: Type.Boolean(), published: Type.Boolean(), contributors: orNull(Type.Integer()), totals: orNull(Sums) });
export type DayTotal = Static<typeof DayTotal>;

/** GET /api/teams/:id/totals?week= */
export const WeekTotals = Type.Object({
  team: OpaqueId,
  week: Week,
  minContributors: Type.Integer(),
  noise: Type.Boolean(),
  days: Type.Array(DayTotal),
  total: Type.Object({
    published: Type.Boolean(),
    daysPublished: Type.Integer(),
    contributorDays: orNull(Type.Integer()),
    maxDailyContributors: orNull(Type.Integer()),
    totals: orNull(Sums),
  }),
});
export type WeekTotals = Static<typeof WeekTotals>;

/** GET /api/teams/:id/comparison?week=; averages per contributor-day, one decimal. */
export const Comparison = Type.Object({
  team: OpaqueId,
  week: Week,
  minContributors: Type.Integer(),
  eligible: Type.Boolean(),
  yourTeam: orNull(Sums),
  others: Type.Object({ teams: Type.Integer(), averages: orNull(Sums) }),
});
export type Comparison = Static<typeof Comparison>;
