/**
 * The team and membership statements. Functions take a Queryable (the database or a transaction),
 * so the service decides the transaction boundaries.
 */
import { randomInt } from 'node:crypto';
import { INVITE_ALPHABET, INVITE_LENGTH } from '../../src/core/api/invite-code';
import type { Role, TeamSummary } from '../../src/core/api/teams';
import type { Queryable } from '../db/connect';
import { randomId } from '../db/ids';

/**
 * A new invite code: 12 Crockford base32 characters (60 bits), each drawn with node:crypto's
 * randomInt (a CSPRNG, rejection-sampled: no modulo bias).
 *
 * Why 12: a guessed code joins a stranger's team. Guesses go through POST /api/teams/join and
 * /join/preview only, which share one dedicated limit (server/rate-limit.ts limitJoins, defaults
 * in DEFAULT_RATE_LIMIT): 10 per signed-in person per hour (in Redis: all replicas count together)
 * and 600 per address per hour per replica. With 100,000 teams, each guess hits some valid code
 * with p = 1e5 / 2^60 ≈ 8.7e-14. An insider with 1,000 accounts (far more than a tenant-restricted
 * sign-in gives anyone) and unlimited addresses makes 1,000 × 10 × 8,760 h ≈ 8.8e7 guesses a year:
 * P(any hit within a year) ≤ 8.8e7 × 8.7e-14 ≈ 7.6e-6. Unlimited accounts from one address on 4
 * replicas: 4 × 600 × 8,760 ≈ 2.1e7 guesses, P ≤ 1.8e-6. Ten characters (50 bits) would make the
 * first 7.8e-3, too likely; 12 is still short enough to read aloud in three groups of four.
 */
export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < INVITE_LENGTH; i++) code += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  return code;
}

export interface Membership {
  memberId: string;
  memberNo: number;
  isOwner: boolean;
}

export interface TeamRow {
  id: string;
  name: string;
  inviteCode: string;
  members: { memberId: string; memberNo: number; role: Role; isYou: boolean }[];
}

export interface RepairResult {
  handedOver: number;
  closed: number;
}

const role = (isOwner: boolean): Role => (isOwner ? 'owner' : 'member');

/** The person's teams, as GET /api/me shows them. */
export async function listMemberships(q: Queryable, personId: string): Promise<TeamSummary[]> {
  const rows = await q.query<{ team_id: string; name: string; member_id: string; is_owner: boolean; member_count: number }>(
    `SELECT t.id AS team_id, t.name, m.member_id, m.is_owner,
            (SELECT count(*)::int FROM memberships c WHERE c.team_id = t.id) AS member_count
       FROM memberships m JOIN teams t ON t.id = m.team_id
      WHERE m.person_id = $1
      ORDER BY t.name, t.id`,
    [personId],
  );
  return rows.map((r) => ({ id: r.team_id, name: r.name, memberId: r.member_id, role: role(r.is_owner), memberCount: r.member_count }));
}

export async function countMemberships(q: Queryable, personId: string): Promise<number> {
  const rows = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM memberships WHERE person_id = $1', [personId]);
  return rows[0].n;
}

/** Adds the person to the team with the next member number. */
export async function addMember(q: Queryable, teamId: string, personId: string, isOwner: boolean): Promise<void> {
  // Updating the team row also locks it, so concurrent joins get distinct numbers.
  const numbered = await q.query<{ no: number }>(
    'UPDATE teams SET next_member_no = next_member_no + 1 WHERE id = $1 RETURNING next_member_no - 1 AS no',
    [teamId],
  );
  await q.query(
    'INSERT INTO memberships (team_id, person_id, member_id, member_no, is_owner) VALUES ($1, $2, $3, $4, $5)',
    [teamId, personId, randomId(), numbered[0].no, isOwner],
  );
}

/** A new team owned by the person; returns its id. */
export async function createTeam(q: Queryable, personId: string, name: string, today: string): Promise<string> {
  const id = randomId();
  await q.query('INSERT INTO teams (id, name, invite_code, created_on) VALUES ($1, $2, $3, $4::date)', [id, name, newInviteCode(), today]);
  await addMember(q, id, personId, true);
  return id;
}

/** The team of an invite; `codes`: what the typed text may stand for (invite-code.ts inviteCandidates). */
export async function findTeamByInvite(q: Queryable, codes: string[]): Promise<{ id: string; name: string; memberCount: number } | null> {
  if (codes.length === 0) return null;
  const rows = await q.query<{ id: string; name: string; member_count: number }>(
    `SELECT t.id, t.name, (SELECT count(*)::int FROM memberships m WHERE m.team_id = t.id) AS member_count
       FROM teams t WHERE t.invite_code = ANY($1::text[]) LIMIT 1`,
    [codes],
  );
  const row = rows[0];
  return row ? { id: row.id, name: row.name, memberCount: row.member_count } : null;
}

export async function getMembership(q: Queryable, teamId: string, personId: string): Promise<Membership | null> {
  const rows = await q.query<{ member_id: string; member_no: number; is_owner: boolean }>(
    'SELECT member_id, member_no, is_owner FROM memberships WHERE team_id = $1 AND person_id = $2',
    [teamId, personId],
  );
  const row = rows[0];
  return row ? { memberId: row.member_id, memberNo: row.member_no, isOwner: row.is_owner } : null;
}

export async function getTeam(q: Queryable, teamId: string, viewerId: string): Promise<TeamRow | null> {
  const teams = await q.query<{ id: string; name: string; invite_code: string }>(
    'SELECT id, name, invite_code FROM teams WHERE id = $1',
    [teamId],
  );
  const team = teams[0];
  if (!team) return null;
  const members = await q.query<{ member_id: string; member_no: number; is_owner: boolean; is_you: boolean }>(
    `SELECT member_id, member_no, is_owner, person_id = $2 AS is_you
       FROM memberships WHERE team_id = $1 ORDER BY member_no`,
    [teamId, viewerId],
  );
  return {
    id: team.id,
    name: team.name,
    inviteCode: team.invite_code,
    members: members.map((m) => ({ memberId: m.member_id, memberNo: m.member_no, role: role(m.is_owner), isYou: m.is_you })),
  };
}

export async function renameTeam(q: Queryable, teamId: string, name: string): Promise<void> {
  await q.query('UPDATE teams SET name = $2 WHERE id = $1', [teamId, name]);
}

export async function rotateInvite(q: Queryable, teamId: string): Promise<string> {
  const inviteCode = newInviteCode();
  await q.query('UPDATE teams SET invite_code = $2 WHERE id = $1', [teamId, inviteCode]);
  return inviteCode;
}

/** Removes one membership by its opaque member id; false when there was none. */
export async function removeMemberById(q: Queryable, teamId: string, memberId: string): Promise<boolean> {
  const rows = await q.query('DELETE FROM memberships WHERE team_id = $1 AND member_id = $2 RETURNING member_id', [teamId, memberId]);
  return rows.length > 0;
}

export async function removeMembership(q: Queryable, teamId: string, personId: string): Promise<void> {
  await q.query('DELETE FROM memberships WHERE team_id = $1 AND person_id = $2', [teamId, personId]);
}

/**
 * After memberships disappeared: teams without members are closed (deleted), teams without an
 * owner are handed to their longest-standing member (lowest member number).
 */
export async function repairTeams(q: Queryable, teamIds: string[]): Promise<RepairResult> {
  if (teamIds.length === 0) return { handedOver: 0, closed: 0 };
  const closed = await q.query(
    `DELETE FROM teams t WHERE t.id = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.team_id = t.id)
      RETURNING t.id`,
    [teamIds],
  );
  const handedOver = await q.query(
    `UPDATE memberships m SET is_owner = true
      WHERE (m.team_id, m.member_no) IN (
        SELECT team_id, min(member_no) FROM memberships
         WHERE team_id = ANY($1::text[])
         GROUP BY team_id
        HAVING NOT bool_or(is_owner))
      RETURNING m.team_id`,
    [teamIds],
  );
  return { handedOver: handedOver.length, closed: closed.length };
}
