/**
 * GET /api/me: the signed-in person's team memberships (nothing is stored by looking).
 * GET /api/me/export: everything the server holds about the person (right of access, GDPR art. 15):
 * the identity key (issuer + subject), the two dates, the memberships and the days tokens were
 * issued. No statistics: the sums are per team and day and linked to nobody.
 */
import type { FastifyInstance } from 'fastify';
import { findPerson, listMemberships } from '../db/queries';
import { errorSchema } from '../errors';
import { knownPerson, principalOf, type ApiContext } from './context';

const schema = {
  response: {
    200: {
      type: 'object',
      required: ['teams'],
      properties: {
        teams: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'name', 'memberId', 'role', 'memberCount'],
            properties: {
              id: { type: 'string' },
              name: { type: 'string' },
              memberId: { type: 'string' },
              role: { type: 'string', enum: ['owner', 'member'] },
              memberCount: { type: 'integer' },
            },
          },
        },
      },
    },
    '4xx': errorSchema,
  },
} as const;

export function meRoutes(ctx: ApiContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/me', { schema }, async (request) => {
      const personId = await knownPerson(ctx.db, ctx, request);
      const teams = personId ? await listMemberships(ctx.db, personId) : [];
      return { teams: teams.map((t) => ({ id: t.teamId, name: t.name, memberId: t.memberId, role: t.role, memberCount: t.memberCount })) };
    });

    app.get('/me/export', { schema: exportSchema }, async (request) => {
      const { issuer, subject } = principalOf(request);
      // Read only: looking at one's data does not mark the person as seen or create them.
      return ctx.db.transaction(async (tx) => {
        const personId = await findPerson(tx, issuer, subject);
        const person = personId
          ? (
              await tx.query<{ created_on: string; last_seen_on: string }>(
                `SELECT to_char(created_on, 'YYYY-MM-DD') AS created_on, to_char(last_seen_on, 'YYYY-MM-DD') AS last_seen_on FROM people WHERE id = $1`,
                [personId],
              )
            )[0]
          : undefined;
        const memberships = personId
          ? await tx.query<{ team_id: string; name: string; member_id: string; member_no: number; is_owner: boolean }>(
              `SELECT t.id AS team_id, t.name, m.member_id, m.member_no, m.is_owner
                 FROM memberships m JOIN teams t ON t.id = m.team_id WHERE m.person_id = $1 ORDER BY t.name, t.id`,
              [personId],
            )
          : [];
        const issuance = personId
          ? await tx.query<{ team_id: string; day: string }>(
              `SELECT team_id, to_char(day, 'YYYY-MM-DD') AS day FROM token_issuance WHERE person_id = $1 ORDER BY day, team_id`,
              [personId],
            )
          : [];
        return {
          format: 'microbreak-server-export/1',
          stored: person !== undefined,
          identity: { issuer, subject },
          createdOn: person?.created_on ?? null,
          lastSeenOn: person?.last_seen_on ?? null,
          memberships: memberships.map((m) => ({ teamId: m.team_id, teamName: m.name, memberId: m.member_id, memberNumber: m.member_no, role: m.is_owner ? 'owner' : 'member' })),
          tokenIssuance: issuance.map((r) => ({ teamId: r.team_id, day: r.day })),
        };
      });
    });
  };
}

const exportSchema = {
  response: {
    200: {
      type: 'object',
      required: ['format', 'stored', 'identity', 'createdOn', 'lastSeenOn', 'memberships', 'tokenIssuance'],
      properties: {
        format: { type: 'string' },
        stored: { type: 'boolean' },
        identity: { type: 'object', required: ['issuer', 'subject'], properties: { issuer: { type: 'string' }, subject: { type: 'string' } } },
        createdOn: { type: ['string', 'null'] },
        lastSeenOn: { type: ['string', 'null'] },
        memberships: {
          type: 'array',
          items: {
            type: 'object',
            required: ['teamId', 'teamName', 'memberId', 'memberNumber', 'role'],
            properties: { teamId: { type: 'string' }, teamName: { type: 'string' }, memberId: { type: 'string' }, memberNumber: { type: 'integer' }, role: { type: 'string' } },
          },
        },
        tokenIssuance: {
          type: 'array',
          items: { type: 'object', required: ['teamId', 'day'], properties: { teamId: { type: 'string' }, day: { type: 'string' } } },
        },
      },
    },
    '4xx': errorSchema,
  },
} as const;
