/** The statements of token issuance and the key list (docs/design.md §7.1–7.2). */
import type { Queryable } from '../db/connect';

/** Every team id, in a stable order (the key list lists each team's keys). */
export async function teamIds(q: Queryable): Promise<string[]> {
  return (await q.query<{ id: string }>('SELECT id FROM teams ORDER BY id')).map((r) => r.id);
}

/** The person's teams and how many members each has. */
export async function teamSizes(q: Queryable, personId: string): Promise<Map<string, number>> {
  const rows = await q.query<{ team_id: string; n: number }>(
    `SELECT m.team_id, (SELECT count(*)::int FROM memberships c WHERE c.team_id = m.team_id) AS n
       FROM memberships m WHERE m.person_id = $1`,
    [personId],
  );
  return new Map(rows.map((r) => [r.team_id, r.n]));
}

/** Which of these issuance markers are stored already (hex). */
export async function storedMarkers(q: Queryable, markers: Uint8Array[]): Promise<Set<string>> {
  if (markers.length === 0) return new Set();
  const rows = await q.query<{ marker: Uint8Array }>('SELECT marker FROM issuance_markers WHERE marker = ANY($1::bytea[])', [markers]);
  return new Set(rows.map((r) => Buffer.from(r.marker).toString('hex')));
}

/**
 * Records one issuance: the person's quota marker, their own record and the (team, day) count of
 * token holders. False (nothing written) when the marker was stored already.
 */
export async function recordIssuance(tx: Queryable, marker: Uint8Array, personId: string, team: string, day: string): Promise<boolean> {
  const fresh = await tx.query('INSERT INTO issuance_markers (marker, day) VALUES ($1, $2::date) ON CONFLICT DO NOTHING RETURNING day', [marker, day]);
  if (fresh.length === 0) return false;
  await tx.query('INSERT INTO token_issuance (person_id, team_id, day) VALUES ($1, $2, $3::date) ON CONFLICT DO NOTHING', [personId, team, day]);
  await tx.query(
    `INSERT INTO issuance_counts (team_id, day, people) VALUES ($1, $2::date, 1)
     ON CONFLICT (team_id, day) DO UPDATE SET people = issuance_counts.people + 1`,
    [team, day],
  );
  return true;
}
