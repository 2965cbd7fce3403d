/**
 * /api/teams: parse, call the service, shape the reply (schemas: src/core/api/teams.ts). Members
 * are only ever shown by an opaque member id and a label; the reply schemas drop anything else.
 *
 * Invite codes are short enough to read aloud (src/core/api/invite-code.ts): POST /teams/join and
 * POST /teams/join/preview (which team a code leads to, before joining; stores nothing) are the
 * only ways to try one, and share one strict rate limit (rate-limit.ts limitJoins).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { InviteBody, InviteReply, JoinedTeam, JoinPreview, LeaveReply, MemberParams, NameBody, NoContent, TeamDetail, TeamParams } from '../../src/core/api/teams';
import type { PersonLimiter } from '../rate-limit';
import { errors, type ApiContext } from '../routes/context';
import * as teams from './service';

export interface TeamsContext extends ApiContext {
  /** The abuse limits; the join budget comes from it. Null or absent: no limits (benchmarks). */
  perPerson?: PersonLimiter | null;
}

export function teamRoutes(ctx: TeamsContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.post('/teams', { schema: { body: NameBody, response: { 201: TeamDetail, ...errors } } }, async (request, reply) => {
      const team = await teams.createTeam(ctx, request, request.body.name);
      request.log.info('team created');
      return reply.code(201).send(team);
    });

    // Trying invite codes: its own scope, so the join budget covers exactly these two routes.
    await api.register(async (joining) => {
      if (ctx.perPerson) await ctx.perPerson.limitJoins(joining);
      const join = joining.withTypeProvider<TypeBoxTypeProvider>();
      join.post('/teams/join/preview', { schema: { body: InviteBody, response: { 200: JoinPreview, ...errors } } }, (request) =>
        teams.previewInvite(ctx, request, request.body.inviteCode),
      );
      join.post('/teams/join', { schema: { body: InviteBody, response: { 200: JoinedTeam, ...errors } } }, (request) =>
        teams.joinTeam(ctx, request, request.body.inviteCode),
      );
    });

    api.get('/teams/:id', { schema: { params: TeamParams, response: { 200: TeamDetail, ...errors } } }, (request) =>
      teams.showTeam(ctx, request, request.params.id),
    );

    api.patch('/teams/:id', { schema: { params: TeamParams, body: NameBody, response: { 200: TeamDetail, ...errors } } }, (request) =>
      teams.renameTeam(ctx, request, request.params.id, request.body.name),
    );

    api.post('/teams/:id/leave', { schema: { params: TeamParams, response: { 200: LeaveReply, ...errors } } }, (request) =>
      teams.leaveTeam(ctx, request, request.params.id),
    );

    api.post('/teams/:id/invite', { schema: { params: TeamParams, response: { 200: InviteReply, ...errors } } }, async (request) => ({
      inviteCode: await teams.rotateInvite(ctx, request, request.params.id),
    }));

    api.delete('/teams/:id/members/:memberId', { schema: { params: MemberParams, response: { 204: NoContent, ...errors } } }, async (request, reply) => {
      await teams.removeMember(ctx, request, request.params.id, request.params.memberId);
      return reply.code(204).send();
    });
  };
}
