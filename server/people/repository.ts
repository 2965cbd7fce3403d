/**
 * The people statements: who is stored (issuer + subject), when they were last seen, what the
 * export shows, and erasure. Functions take a Queryable (the database or a transaction), so the
 * caller decides the transaction boundaries.
 */
import type { Queryable } from '../db/connect';
import { randomId } from '../db/ids';
import { repairTeams, type RepairResult } from '../teams/repository';

/**
 * The known person's id; null when the person is not stored (nothing is created). Marks them seen
 * today only when the stored day is older: most signed-in requests write nothing, so no
 * identified write (and no transaction id) accompanies every request.
 */
export async function touchPerson(q: Queryable, issuer: string, subject: string, today: string): Promise<string | null> {
  const rows = await q.query<{ id: string; last_seen_on: string }>(
    'SELECT id, last_seen_on::text AS last_seen_on FROM people WHERE issuer = $1 AND subject = $2',
    [issuer, subject],
  );
  const person = rows[0];
  if (!person) return null;
  if (person.last_seen_on < today) {
    await q.query('UPDATE people SET last_seen_on = $2::date WHERE id = $1 AND last_seen_on < $2::date', [person.id, today]);
  }
  return person.id;
}

/** The person's id, creating the row on first use (creating or joining a team). */
export async function ensurePerson(q: Queryable, issuer: string, subject: string, today: string): Promise<string> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO people (id, issuer, subject, created_on, last_seen_on) VALUES ($1, $2, $3, $4::date, $4::date)
     ON CONFLICT (issuer, subject) DO UPDATE SET last_seen_on = GREATEST(people.last_seen_on, EXCLUDED.last_seen_on)
     RETURNING id`,
    [randomId(), issuer, subject, today],
  );
  return rows[0].id;
}

export async function findPerson(q: Queryable, issuer: string, subject: string): Promise<string | null> {
  const rows = await q.query<{ id: string }>('SELECT id FROM people WHERE issuer = $1 AND subject = $2', [issuer, subject]);
  return rows[0]?.id ?? null;
}

/** What the export shows of a stored person: the two dates, the memberships, the issuance days. */
export async function personRecord(q: Queryable, personId: string) {
  const [person] = await q.query<{ created_on: string; last_seen_on: string }>(
    `SELECT to_char(created_on, 'YYYY-MM-DD') AS created_on, to_char(last_seen_on, 'YYYY-MM-DD') AS last_seen_on FROM people WHERE id = $1`,
    [personId],
  );
  const memberships = await q.query<{ team_id: string; name: string; member_id: string; member_no: number; is_owner: boolean }>(
    `SELECT t.id AS team_id, t.name, m.member_id, m.member_no, m.is_owner
       FROM memberships m JOIN teams t ON t.id = m.team_id WHERE m.person_id = $1 ORDER BY t.name, t.id`,
    [personId],
  );
  const issuance = await q.query<{ team_id: string; day: string }>(
    `SELECT team_id, to_char(day, 'YYYY-MM-DD') AS day FROM token_issuance WHERE person_id = $1 ORDER BY day, team_id`,
    [personId],
  );
  return { person, memberships, issuance };
}

async function teamsOf(q: Queryable, personIds: string[]): Promise<string[]> {
  const rows = await q.query<{ team_id: string }>(
    'SELECT DISTINCT team_id FROM memberships WHERE person_id = ANY($1::text[])',
    [personIds],
  );
  return rows.map((r) => r.team_id);
}

/** Deletes people (memberships cascade) and repairs their teams. */
export async function deletePeople(q: Queryable, personIds: string[]): Promise<RepairResult & { people: number }> {
  if (personIds.length === 0) return { people: 0, handedOver: 0, closed: 0 };
  const teamIds = await teamsOf(q, personIds);
  const deleted = await q.query('DELETE FROM people WHERE id = ANY($1::text[]) RETURNING id', [personIds]);
  const repaired = await repairTeams(q, teamIds);
  return { people: deleted.length, ...repaired };
}

/** People whose last-seen day is before `today` minus `months` (calendar months, UTC days). */
export async function stalePeople(q: Queryable, today: string, months: number, limit: number): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM people WHERE last_seen_on < ($1::date - make_interval(months => $2::int))::date
      ORDER BY last_seen_on LIMIT $3`,
    [today, months, limit],
  );
  return rows.map((r) => r.id);
}
