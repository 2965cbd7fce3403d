/**
 * Team challenges (members only; a team the caller is not in answers 404, like the other team
 * routes). Schemas: src/core/api/challenges.ts; rules: service.ts.
 *  - GET    /api/teams/:id/challenges?week=YYYY-Www (default: the current week)
 *  - POST   /api/teams/:id/challenges {metric, kind, goal, week}: owner only
 *  - DELETE /api/teams/:id/challenges/:challengeId: owner only
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Challenge, ChallengeList, ChallengeParams, CreateChallengeBody, WeekQuery } from '../../src/core/api/challenges';
import { NoContent, TeamParams } from '../../src/core/api/teams';
import { errors } from '../routes/context';
import * as challenges from './service';

export function challengeRoutes(ctx: challenges.ChallengesContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.get('/teams/:id/challenges', { schema: { params: TeamParams, querystring: WeekQuery, response: { 200: ChallengeList, ...errors } } }, (request) =>
      challenges.listChallenges(ctx, request, request.params.id, request.query.week),
    );

    api.post(
      '/teams/:id/challenges',
      { schema: { params: TeamParams, body: CreateChallengeBody, response: { 201: Challenge, ...errors } } },
      async (request, reply) => {
        const created = await challenges.createChallenge(ctx, request, request.params.id, request.body);
        request.log.info('challenge created');
        return reply.code(201).send(created);
      },
    );

    api.delete('/teams/:id/challenges/:challengeId', { schema: { params: ChallengeParams, response: { 204: NoContent, ...errors } } }, async (request, reply) => {
      await challenges.deleteChallenge(ctx, request, request.params.id, request.params.challengeId);
      return reply.code(204).send();
    });
  };
}
