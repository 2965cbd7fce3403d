/**
 * The shapes of the team results API (totals, comparison, challenges): one definition for the
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

export const CHALLENGE_KINDS = ['team-total', 'per-participant-day'] as const;
export type ChallengeKind = (typeof CHALLENGE_KINDS)[number];
/** not-yet: no day of the week has closed; waiting: days closed, none with enough contributors. */
export type ChallengeStatus = 'not-yet' | 'waiting' | 'in-progress' | 'reached';

export interface Challenge {
  id: string;
  week: string;
  metric: Metric;
  kind: ChallengeKind;
  goal: number;
  value: number | null;
  fraction: number | null;
  reached: boolean;
  status: ChallengeStatus;
  daysPublished: number;
  daysClosed: number;
  /** Every day of the week has closed: the value is final. */
  complete: boolean;
  /** The day the week's first day can be published. */
  resultsFrom: string;
}

/** GET /api/teams/:id/challenges?week= */
export interface ChallengeList {
  team: string;
  week: string;
  currentWeek: string;
  minContributors: number;
  uploadWindowDays: number;
  maxPerWeek: number;
  challenges: Challenge[];
}
