/** GET /api/me: the signed-in person's team memberships (nothing is stored by looking). */
import type { FastifyInstance } from 'fastify';
import { listMemberships } from '../db/queries';
import { errorSchema } from '../errors';
import { knownPerson, type ApiContext } from './context';

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
  };
}
