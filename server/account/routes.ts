/**
 * The signed-in person's own data (schemas: src/core/api/account.ts):
 * GET /api/me: their team memberships (nothing is stored by looking).
 * GET /api/me/export: everything the server holds about the person (right of access, GDPR art. 15):
 * the identity key (issuer + subject), the two dates, the memberships and the days tokens were
 * issued. No statistics: the sums are per team and day and linked to nobody.
 * DELETE /api/me: account deletion. Removes the person and their memberships; teams they owned go
 * to the longest-standing remaining member, or are closed when nobody is left.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AccountExport, DeleteReply, MeReply } from '../../src/core/api/account';
import { deletePeople, findPerson, personRecord } from '../people/repository';
import { errors, knownPerson, principalOf, type ApiContext } from '../routes/context';
import { listMemberships } from '../teams/repository';

export function accountRoutes(ctx: ApiContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.get('/me', { schema: { response: { 200: MeReply, ...errors } } }, async (request) => {
      const personId = await knownPerson(ctx.db, ctx, request);
      return { teams: personId ? await listMemberships(ctx.db, personId) : [] };
    });

    api.get('/me/export', { schema: { response: { 200: AccountExport, ...errors } } }, async (request) => {
      const { issuer, subject } = principalOf(request);
      // Read only: looking at one's data does not mark the person as seen or create them.
      const record = await ctx.db.transaction(async (tx) => {
        const personId = await findPerson(tx, issuer, subject);
        return personId ? personRecord(tx, personId) : { person: undefined, memberships: [], issuance: [] };
      });
      const { person, memberships, issuance } = record;
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

    api.delete('/me', { schema: { response: { 200: DeleteReply, ...errors } } }, async (request) => {
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
