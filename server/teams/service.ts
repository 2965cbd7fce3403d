/**
 * The team rules: names, quotas, who may do what, and the transaction around each action. A team
 * the caller is not in answers 404 (its existence is not revealed); owner-only actions answer 403.
 */
import type { Static } from 'typebox';
import { formatInviteCode, inviteCandidates } from '../../src/core/api/invite-code';
import { MAX_MEMBERS_PER_TEAM, MAX_TEAMS_PER_PERSON, MAX_TEAM_NAME, type JoinedTeam, type JoinPreview, type TeamDetail } from '../../src/core/api/teams';
import { utcDay } from '../../src/core/calendar';
import type { Queryable } from '../db/connect';
import { ApiError } from '../errors';
import { knownPerson, requireMembership, requireOwner, storedPerson, type ApiContext, type Caller } from '../routes/context';
import * as repo from './repository';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Letters, marks, numbers, punctuation, symbols and spaces; no control or bidi-override characters. */
export function cleanTeamName(raw: string): string {
  if (LONE_SURROGATE.test(raw)) throw new ApiError(400, 'invalid-name', 'The team name contains invalid characters.');
  const name = raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u.test(name)) {
    throw new ApiError(400, 'invalid-name', 'The team name contains control characters.');
  }
  const length = [...name].length;
  if (length === 0 || length > MAX_TEAM_NAME) {
    throw new ApiError(400, 'invalid-name', `The team name must be 1 to ${MAX_TEAM_NAME} characters.`);
  }
  return name;
}

/** The stored codes the typed one may be, or a 400 when it is none. */
function inviteCodes(text: string): string[] {
  const codes = inviteCandidates(text);
  if (codes.length === 0) throw new ApiError(400, 'invalid-invite', 'That is not an invite code.');
  return codes;
}

const inviteNotFound = () => new ApiError(404, 'invite-not-found', 'This invite code is not valid (it may have been replaced).');
const tooManyTeams = () => new ApiError(409, 'too-many-teams', `You can be in at most ${MAX_TEAMS_PER_PERSON} teams.`);

async function detail(q: Queryable, teamId: string, personId: string): Promise<TeamDetail> {
  const team = await repo.getTeam(q, teamId, personId);
  const me = team?.members.find((m) => m.isYou);
  if (!team || !me) throw new ApiError(404, 'team-not-found', 'No such team, or you are not a member of it.');
  return {
    id: team.id,
    name: team.name,
    memberCount: team.members.length,
    you: { memberId: me.memberId, role: me.role },
    members: team.members.map((m) => ({ memberId: m.memberId, label: m.isYou ? 'you' : `member ${m.memberNo}`, role: m.role, you: m.isYou })),
    // Shown and sent as people read it: K7QF-9M2X-TR4D (a legacy code as it is).
    inviteCode: me.role === 'owner' ? formatInviteCode(team.inviteCode) : null,
  };
}

async function retryOnUniqueViolation<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if ((error as { code?: unknown }).code !== '23505') throw error;
    return fn();
  }
}

export async function createTeam(ctx: ApiContext, caller: Caller, rawName: string): Promise<TeamDetail> {
  const name = cleanTeamName(rawName);
  return ctx.db.transaction(async (tx) => {
    const personId = await storedPerson(tx, ctx, caller);
    if ((await repo.countMemberships(tx, personId)) >= MAX_TEAMS_PER_PERSON) throw tooManyTeams();
    const teamId = await repo.createTeam(tx, personId, name, utcDay(ctx.clock()));
    return detail(tx, teamId, personId);
  });
}

/** Which team a code leads to; stores nothing. */
export async function previewInvite(ctx: ApiContext, caller: Caller, text: string): Promise<Static<typeof JoinPreview>> {
  const codes = inviteCodes(text);
  return ctx.db.transaction(async (tx) => {
    const team = await repo.findTeamByInvite(tx, codes);
    if (!team) throw inviteNotFound();
    const personId = await knownPerson(tx, ctx, caller);
    const member = personId ? (await repo.getMembership(tx, team.id, personId)) !== null : false;
    return { name: team.name, memberCount: team.memberCount, member };
  });
}

export async function joinTeam(ctx: ApiContext, caller: Caller, text: string): Promise<Static<typeof JoinedTeam>> {
  const codes = inviteCodes(text);
  // A concurrent duplicate join loses on the primary key; the retry then sees the membership.
  const join = async (tx: Queryable) => {
    const team = await repo.findTeamByInvite(tx, codes);
    if (!team) throw inviteNotFound();
    const personId = await storedPerson(tx, ctx, caller);
    const existing = await repo.getMembership(tx, team.id, personId);
    if (!existing) {
      if ((await repo.countMemberships(tx, personId)) >= MAX_TEAMS_PER_PERSON) throw tooManyTeams();
      if (team.memberCount >= MAX_MEMBERS_PER_TEAM) throw new ApiError(409, 'team-full', 'This team is full.');
      await repo.addMember(tx, team.id, personId, false);
    }
    return { ...(await detail(tx, team.id, personId)), joined: !existing };
  };
  return retryOnUniqueViolation(() => ctx.db.transaction(join));
}

export function showTeam(ctx: ApiContext, caller: Caller, teamId: string): Promise<TeamDetail> {
  return ctx.db.transaction(async (tx) => {
    const { personId } = await requireMembership(tx, ctx, caller, teamId);
    return detail(tx, teamId, personId);
  });
}

export async function renameTeam(ctx: ApiContext, caller: Caller, teamId: string, rawName: string): Promise<TeamDetail> {
  const name = cleanTeamName(rawName);
  return ctx.db.transaction(async (tx) => {
    const { personId } = await requireOwner(tx, ctx, caller, teamId);
    await repo.renameTeam(tx, teamId, name);
    return detail(tx, teamId, personId);
  });
}

/** Leaving closes a team nobody is left in, and hands an ownerless one over. */
export async function leaveTeam(ctx: ApiContext, caller: Caller, teamId: string): Promise<{ left: boolean; teamClosed: boolean }> {
  const result = await ctx.db.transaction(async (tx) => {
    const { personId } = await requireMembership(tx, ctx, caller, teamId);
    await repo.removeMembership(tx, teamId, personId);
    return repo.repairTeams(tx, [teamId]);
  });
  return { left: true, teamClosed: result.closed > 0 };
}

/** A new invite code; the old one stops working. */
export function rotateInvite(ctx: ApiContext, caller: Caller, teamId: string): Promise<string> {
  return ctx.db.transaction(async (tx) => {
    await requireOwner(tx, ctx, caller, teamId);
    return formatInviteCode(await repo.rotateInvite(tx, teamId));
  });
}

export async function removeMember(ctx: ApiContext, caller: Caller, teamId: string, memberId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { membership } = await requireOwner(tx, ctx, caller, teamId);
    if (memberId === membership.memberId) {
      throw new ApiError(409, 'cannot-remove-self', 'Owners leave a team with POST /api/teams/:id/leave.');
    }
    if (!(await repo.removeMemberById(tx, teamId, memberId))) throw new ApiError(404, 'member-not-found', 'No such member in this team.');
  });
}
