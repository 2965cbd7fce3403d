/** The challenge statements. Functions take a Queryable, so the service decides the transaction. */
import type { Metric } from '../../src/core/aggregates';
import type { ChallengeKind } from '../../src/core/api/challenges';
import type { Queryable } from '../db/connect';

export interface ChallengeRow {
  id: string;
  week: string;
  metric: Metric;
  kind: ChallengeKind;
  goal: number;
}

export function challengesOf(q: Queryable, teamId: string, week: string): Promise<ChallengeRow[]> {
  return q.query<ChallengeRow>('SELECT id, week, metric, kind, goal FROM challenges WHERE team_id = $1 AND week = $2 ORDER BY seq', [teamId, week]);
}

/** Locks the team row: creations per team run one at a time, so the per-week limit holds. */
export async function lockTeam(q: Queryable, teamId: string): Promise<void> {
  await q.query('SELECT id FROM teams WHERE id = $1 FOR UPDATE', [teamId]);
}

export async function countChallenges(q: Queryable, teamId: string, week: string): Promise<number> {
  const rows = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM challenges WHERE team_id = $1 AND week = $2', [teamId, week]);
  return rows[0].n;
}

export async function insertChallenge(q: Queryable, teamId: string, row: ChallengeRow, today: string): Promise<void> {
  await q.query('INSERT INTO challenges (id, team_id, week, metric, kind, goal, created_on) VALUES ($1, $2, $3, $4, $5, $6, $7::date)', [
    row.id, teamId, row.week, row.metric, row.kind, row.goal, today,
  ]);
}

/** False when the team has no such challenge. */
export async function deleteChallenge(q: Queryable, teamId: string, challengeId: string): Promise<boolean> {
  const deleted = await q.query('DELETE FROM challenges WHERE id = $1 AND team_id = $2 RETURNING id', [challengeId, teamId]);
  return deleted.length > 0;
}
