/**
 * The open team's week: its challenges (this week and next) and the published week total and
 * comparison. Kept apart from the team list's state so a slow totals request never blocks team
 * actions; a newer load for another team replaces an older one.
 */
import { createModel, signal } from '@preact/signals';
import { addDays, isoWeekOf, utcDay } from '../../core/calendar';
import { Challenge, ChallengeList, type CreateChallengeBody } from '../../core/api/challenges';
import { Comparison, WeekTotals } from '../../core/api/team-results';
import { api, apiChecked, asProblem, teamPath, type ApiProblem } from './api';

export type { Challenge, ChallengeKind, ChallengeList, ChallengeStatus } from '../../core/api/challenges';
export type { Comparison, WeekTotals } from '../../core/api/team-results';

export interface TeamWeek {
  teamId: string;
  thisWeek: ChallengeList;
  nextWeek: ChallengeList;
}

export interface WeekSummary {
  teamId: string;
  week: string;
  totals: WeekTotals;
  comparison: Comparison;
}

/** The ISO week (UTC, like the server's days) `offset` weeks from now. */
export function weekFromNow(offset: number, now: Date = new Date()): string {
  return isoWeekOf(addDays(utcDay(now), 7 * offset));
}

/** The open team's week (challenges, totals, comparison); its own busy state and problems. */
export const TeamWeekModel = createModel(() => {
  const teamWeek = signal<TeamWeek | null>(null);
  const weekSummary = signal<WeekSummary | null>(null);
  const challengeBusy = signal<string | null>(null);
  const challengeProblem = signal<ApiProblem | null>(null);
  const summaryProblem = signal<ApiProblem | null>(null);

  async function run(name: string, action: () => Promise<void>): Promise<boolean> {
    challengeBusy.value = name;
    challengeProblem.value = null;
    try {
      await action();
      return true;
    } catch (error) {
      challengeProblem.value = asProblem(error);
      return false;
    } finally {
      challengeBusy.value = null;
    }
  }

  let latest = 0;
  let latestSummary = 0;

  async function fetchChallenges(teamId: string): Promise<void> {
    const ticket = ++latest;
    const [thisWeek, nextWeek] = await Promise.all(
      [weekFromNow(0), weekFromNow(1)].map((week) => apiChecked(ChallengeList, 'GET', `${teamPath(teamId)}/challenges?week=${week}`)),
    );
    if (ticket === latest) teamWeek.value = { teamId, thisWeek, nextWeek };
  }

  /** Loads this week's and next week's challenges of the team. */
  function loadChallenges(teamId: string): Promise<boolean> {
    if (teamWeek.value?.teamId !== teamId) teamWeek.value = null;
    return run('load', () => fetchChallenges(teamId));
  }

  /** Loads the published totals and the comparison of one week. */
  async function loadWeekSummary(teamId: string, week: string): Promise<void> {
    const ticket = ++latestSummary;
    if (weekSummary.value?.teamId !== teamId || weekSummary.value.week !== week) weekSummary.value = null;
    summaryProblem.value = null;
    try {
      const [totals, comparison] = await Promise.all([
        apiChecked(WeekTotals, 'GET', `${teamPath(teamId)}/totals?week=${week}`),
        apiChecked(Comparison, 'GET', `${teamPath(teamId)}/comparison?week=${week}`),
      ]);
      if (ticket === latestSummary) weekSummary.value = { teamId, week, totals, comparison };
    } catch (error) {
      if (ticket === latestSummary) summaryProblem.value = asProblem(error);
    }
  }

  function createChallenge(teamId: string, body: CreateChallengeBody): Promise<boolean> {
    return run('create', async () => {
      await apiChecked(Challenge, 'POST', `${teamPath(teamId)}/challenges`, body);
      await fetchChallenges(teamId);
    });
  }

  function deleteChallenge(teamId: string, challengeId: string): Promise<boolean> {
    return run(`delete:${challengeId}`, async () => {
      await api<void>('DELETE', `${teamPath(teamId)}/challenges/${encodeURIComponent(challengeId)}`);
      await fetchChallenges(teamId);
    });
  }

  return {
    teamWeek, weekSummary, challengeBusy, challengeProblem, summaryProblem, loadWeekSummary,
    loadChallenges, createChallenge, deleteChallenge
  };
});
export type TeamWeekModel = InstanceType<typeof TeamWeekModel>;
