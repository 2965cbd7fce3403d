/** What the API routes share: the database, the clock and how to find the signed-in person. */
import type { FastifyRequest } from 'fastify';
import type { Clock } from '../clock';
import { utcDay } from '../../src/core/calendar';
import type { Db, Queryable } from '../db/connect';
import { ensurePerson, getMembership, touchPerson, type Membership } from '../db/queries';
import { ApiError } from '../errors';
import type { Principal } from '../auth/verify';

export interface ApiContext {
  db: Db;
  clock: Clock;
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new ApiError(401, 'missing-token', 'Sign in first.');
  return request.principal;
}

/** The stored person for this request, marked as seen today; null when nothing is stored yet. */
export function knownPerson(q: Queryable, ctx: ApiContext, request: FastifyRequest): Promise<string | null> {
  const { issuer, subject } = principalOf(request);
  return touchPerson(q, issuer, subject, utcDay(ctx.clock()));
}

/** The stored person, created on first use (only creating or joining a team stores anyone). */
export function storedPerson(q: Queryable, ctx: ApiContext, request: FastifyRequest): Promise<string> {
  const { issuer, subject } = principalOf(request);
  return ensurePerson(q, issuer, subject, utcDay(ctx.clock()));
}

/**
 * The caller's membership in the team, or 404: a team the caller is not in answers exactly like a
 * team that does not exist, so its existence is not revealed. The one check every team route uses.
 */
export async function requireMembership(q: Queryable, ctx: ApiContext, request: FastifyRequest, teamId: string): Promise<{ personId: string; membership: Membership }> {
  const personId = await knownPerson(q, ctx, request);
  const membership = personId ? await getMembership(q, teamId, personId) : null;
  if (!personId || !membership) throw new ApiError(404, 'team-not-found', 'No such team, or you are not a member of it.');
  return { personId, membership };
}
