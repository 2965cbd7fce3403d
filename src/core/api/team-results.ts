/**
 * The shapes of the team results API (totals, comparison; challenges: challenges.ts): one definition for the
 * server that builds them and the page that shows them.
 */
import type { Metric } from '../aggregates';

export type Sums = Record<Metric, number>;

export interface DayTotal {
  day: string;
  /** Still accepting uploads: nothing is published yet. */
  open: boolean;
  published: boolean;
  contributors: number | null;
  totals: Sums | null;
}

/** GET /api/teams/:id/totals?week= */
export interface WeekTotals {
  week: string;
  minContributors: number;
  noise: boolean;
  days: DayTotal[];
  total: { published: boolean; daysPublished: number; contributorDays: number | null; maxDailyContributors: number | null; totals: Sums | null };
}

/** GET /api/teams/:id/comparison?week= */
export interface Comparison {
  week: string;
  minContributors: number;
  eligible: boolean;
  /** Averages per contributor-day, one decimal. */
  yourTeam: Sums | null;
  others: { teams: number; averages: Sums | null };
}
