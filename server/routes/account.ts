/**
 * DELETE /api/me: account deletion. Removes the person and their memberships; teams they owned go
 * to the longest-standing remaining member, or are closed when nobody is left.
 */
import type { FastifyInstance } from 'fastify';
import { deletePeople, findPerson } from '../db/queries';
import { errorSchema } from '../errors';
import { principalOf, type ApiContext } from './context';

const schema = {
  response: {
    200: {
      type: 'object',
      required: ['deleted', 'teamsHandedOver', 'teamsClosed'],
      properties: {
        deleted: { type: 'boolean' },
        teamsHandedOver: { type: 'integer' },
        teamsClosed: { type: 'integer' },
      },
    },
    '4xx': errorSchema,
  },
} as const;

export function accountRoutes(ctx: ApiContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.delete('/me', { schema }, async (request) => {
      const { issuer, subject } = principalOf(request);
      const result = await ctx.db.transaction(async (tx) => {
        const personId = await findPerson(tx, issuer, subject);
        return personId ? deletePeople(tx, [personId]) : { people: 0, handedOver: 0, closed: 0 };
      });
      request.log.info({ teamsHandedOver: result.handedOver, teamsClosed: result.closed }, 'account deleted');
      return { deleted: result.people > 0, teamsHandedOver: result.handedOver, teamsClosed: result.closed };
    });
  };
}
