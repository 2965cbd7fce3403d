/**
 * Teams. Members are only ever shown by an opaque per-team member id and a label ("you",
 * "member 3"); no names, e-mails or issuer/subject leave the server. A team that the caller is not
 * a member of answers 404 (its existence is not revealed); owner-only actions answer 403.
 *
 * Invite codes are short enough to read aloud (src/core/api/invite-code.ts): POST /teams/join and
 * POST /teams/join/preview (which team a code leads to, before joining; stores nothing) are the
 * only ways to try one, and share one strict rate limit (rate-limit.ts limitJoins).
 */
import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db/connect';
import {
  TOKEN_PATTERN,
  addMember,
  countMemberships,
  createTeam,
  findTeamByInvite,
  getMembership,
  getTeam,
  removeMemberById,
  removeMembership,
  renameTeam,
  repairTeams,
  rotateInvite,
  type Membership,
} from '../db/queries';
import { formatInviteCode, inviteCandidates } from '../../src/core/api/invite-code';
import { utcDay } from '../../src/core/calendar';
import { ApiError, errorSchema } from '../errors';
import type { PersonLimiter } from '../rate-limit';
import { knownPerson, requireMembership, storedPerson, type ApiContext } from './context';

export interface TeamsContext extends ApiContext {
  /** The abuse limits; the join budget comes from it. Null or absent: no limits (benchmarks). */
  perPerson?: PersonLimiter | null;
}

export const MAX_TEAMS_PER_PERSON = 100;
export const MAX_MEMBERS_PER_TEAM = 1000;
export const MAX_TEAM_NAME = 80;

const token = { type: 'string', pattern: TOKEN_PATTERN } as const;
const teamParams = { type: 'object', required: ['id'], properties: { id: token } } as const;
const nameBody = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: MAX_TEAM_NAME } },
} as const;

const teamView = {
  type: 'object',
  required: ['id', 'name', 'memberCount', 'you', 'members', 'inviteCode'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    memberCount: { type: 'integer' },
    you: {
      type: 'object',
      required: ['memberId', 'role'],
      properties: { memberId: { type: 'string' }, role: { type: 'string' } },
    },
    members: {
      type: 'array',
      items: {
        type: 'object',
        required: ['memberId', 'label', 'role', 'you'],
        properties: {
          memberId: { type: 'string' },
          label: { type: 'string' },
          role: { type: 'string', enum: ['owner', 'member'] },
          you: { type: 'boolean' },
        },
      },
    },
    /** Only for the owner; null for members. */
    inviteCode: { type: ['string', 'null'] },
  },
} as const;

const errors = { '4xx': errorSchema } as const;

/** A pasted code may carry spaces or dashes; the handler reads it (inviteCandidates). */
const inviteBody = {
  type: 'object',
  required: ['inviteCode'],
  additionalProperties: false,
  properties: { inviteCode: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

/** The stored codes the typed one may be, or a 400 when it is none. */
function inviteCodes(text: string): string[] {
  const codes = inviteCandidates(text);
  if (codes.length === 0) throw new ApiError(400, 'invalid-invite', 'That is not an invite code.');
  return codes;
}

const inviteNotFound = () => new ApiError(404, 'invite-not-found', 'This invite code is not valid (it may have been replaced).');

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

async function view(q: Queryable, teamId: string, personId: string) {
  const team = await getTeam(q, teamId, personId);
  const me = team?.members.find((m) => m.isYou);
  if (!team || !me) throw notFound();
  return {
    id: team.id,
    name: team.name,
    memberCount: team.members.length,
    you: { memberId: me.memberId, role: me.role },
    members: team.members.map((m) => ({
      memberId: m.memberId,
      label: m.isYou ? 'you' : `member ${m.memberNo}`,
      role: m.role,
      you: m.isYou,
    })),
    // Shown and sent as people read it: K7QF-9M2X-TR4D (a legacy code as it is).
    inviteCode: me.role === 'owner' ? formatInviteCode(team.inviteCode) : null,
  };
}

const notFound = () => new ApiError(404, 'team-not-found', 'No such team, or you are not a member of it.');


async function retryOnUniqueViolation<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if ((error as { code?: unknown }).code !== '23505') throw error;
    return fn();
  }
}

function requireOwner(membership: Membership): void {
  if (!membership.isOwner) throw new ApiError(403, 'not-owner', 'Only the team owner can do this.');
}

export function teamRoutes(ctx: TeamsContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.post<{ Body: { name: string } }>(
      '/teams',
      { schema: { body: nameBody, response: { 201: teamView, ...errors } } },
      async (request, reply) => {
        const name = cleanTeamName(request.body.name);
        const result = await ctx.db.transaction(async (tx) => {
          const personId = await storedPerson(tx, ctx, request);
          if ((await countMemberships(tx, personId)) >= MAX_TEAMS_PER_PERSON) {
            throw new ApiError(409, 'too-many-teams', `You can be in at most ${MAX_TEAMS_PER_PERSON} teams.`);
          }
          const team = await createTeam(tx, personId, name, utcDay(ctx.clock()));
          return view(tx, team.id, personId);
        });
        request.log.info('team created');
        return reply.code(201).send(result);
      },
    );

    // Trying invite codes: its own scope, so the join budget covers exactly these two routes.
    await app.register(async (joining) => {
      if (ctx.perPerson) await ctx.perPerson.limitJoins(joining);

      joining.post<{ Body: { inviteCode: string } }>(
        '/teams/join/preview',
        {
          schema: {
            body: inviteBody,
            response: {
              200: {
                type: 'object',
                required: ['name', 'memberCount', 'member'],
                properties: { name: { type: 'string' }, memberCount: { type: 'integer' }, member: { type: 'boolean' } },
              },
              ...errors,
            },
          },
        },
        async (request) => {
          const codes = inviteCodes(request.body.inviteCode);
          return ctx.db.transaction(async (tx) => {
            const team = await findTeamByInvite(tx, codes);
            if (!team) throw inviteNotFound();
            const personId = await knownPerson(tx, ctx, request);
            const member = personId ? (await getMembership(tx, team.id, personId)) !== null : false;
            return { name: team.name, memberCount: team.memberCount, member };
          });
        },
      );

      joining.post<{ Body: { inviteCode: string } }>(
        '/teams/join',
        {
          schema: {
            body: inviteBody,
            response: { 200: { ...teamView, required: [...teamView.required, 'joined'], properties: { ...teamView.properties, joined: { type: 'boolean' } } }, ...errors },
          },
        },
        async (request) => {
          const codes = inviteCodes(request.body.inviteCode);
          // A concurrent duplicate join loses on the primary key; the retry then sees the membership.
          const join = async (tx: Queryable) => {
            const team = await findTeamByInvite(tx, codes);
            if (!team) throw inviteNotFound();
            const personId = await storedPerson(tx, ctx, request);
            const existing = await getMembership(tx, team.id, personId);
            if (!existing) {
              if ((await countMemberships(tx, personId)) >= MAX_TEAMS_PER_PERSON) {
                throw new ApiError(409, 'too-many-teams', `You can be in at most ${MAX_TEAMS_PER_PERSON} teams.`);
              }
              if (team.memberCount >= MAX_MEMBERS_PER_TEAM) throw new ApiError(409, 'team-full', 'This team is full.');
              await addMember(tx, team.id, personId, false);
            }
            return { ...(await view(tx, team.id, personId)), joined: !existing };
          };
          return retryOnUniqueViolation(() => ctx.db.transaction(join));
        },
      );
    });

    app.get<{ Params: { id: string } }>('/teams/:id', { schema: { params: teamParams, response: { 200: teamView, ...errors } } }, async (request) => {
      return ctx.db.transaction(async (tx) => {
        const { personId } = await requireMembership(tx, ctx, request, request.params.id);
        return view(tx, request.params.id, personId);
      });
    });

    app.patch<{ Params: { id: string }; Body: { name: string } }>(
      '/teams/:id',
      { schema: { params: teamParams, body: nameBody, response: { 200: teamView, ...errors } } },
      async (request) => {
        const name = cleanTeamName(request.body.name);
        return ctx.db.transaction(async (tx) => {
          const { personId, membership } = await requireMembership(tx, ctx, request, request.params.id);
          requireOwner(membership);
          await renameTeam(tx, request.params.id, name);
          return view(tx, request.params.id, personId);
        });
      },
    );

    app.post<{ Params: { id: string } }>(
      '/teams/:id/leave',
      {
        schema: {
          params: teamParams,
          response: {
            200: { type: 'object', required: ['left', 'teamClosed'], properties: { left: { type: 'boolean' }, teamClosed: { type: 'boolean' } } },
            ...errors,
          },
        },
      },
      async (request) => {
        const teamId = request.params.id;
        const result = await ctx.db.transaction(async (tx) => {
          const { personId } = await requireMembership(tx, ctx, request, teamId);
          await removeMembership(tx, teamId, personId);
          return repairTeams(tx, [teamId]);
        });
        return { left: true, teamClosed: result.closed > 0 };
      },
    );

    app.post<{ Params: { id: string } }>(
      '/teams/:id/invite',
      {
        schema: {
          params: teamParams,
          response: { 200: { type: 'object', required: ['inviteCode'], properties: { inviteCode: { type: 'string' } } }, ...errors },
        },
      },
      async (request) => {
        const inviteCode = await ctx.db.transaction(async (tx) => {
          const { membership } = await requireMembership(tx, ctx, request, request.params.id);
          requireOwner(membership);
          return formatInviteCode(await rotateInvite(tx, request.params.id));
        });
        return { inviteCode };
      },
    );

    app.delete<{ Params: { id: string; memberId: string } }>(
      '/teams/:id/members/:memberId',
      {
        schema: {
          params: { type: 'object', required: ['id', 'memberId'], properties: { id: token, memberId: token } },
          response: errors,
        },
      },
      async (request, reply) => {
        await ctx.db.transaction(async (tx) => {
          const { membership } = await requireMembership(tx, ctx, request, request.params.id);
          requireOwner(membership);
          if (request.params.memberId === membership.memberId) {
            throw new ApiError(409, 'cannot-remove-self', 'Owners leave a team with POST /api/teams/:id/leave.');
          }
          if (!(await removeMemberById(tx, request.params.id, request.params.memberId))) {
            throw new ApiError(404, 'member-not-found', 'No such member in this team.');
          }
        });
        return reply.code(204).send();
      },
    );
  };
}
