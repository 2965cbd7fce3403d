/** What the API routes share: the database, the clock and how to find the signed-in person. */
import type { Clock } from '../clock';
import { ErrorBody } from '../../src/core/api/common';
import { daysOfIsoWeek, utcDay } from '../../src/core/calendar';
import type { Db, Queryable } from '../db/connect';
import { ensurePerson, touchPerson } from '../people/repository';
import { getMembership, type Membership } from '../teams/repository';
import { ApiError } from '../errors';
import type { Principal } from '../auth/verify';

/** The error replies every route declares: the `{ error, message }` shape (errors.ts). */
export const errors = { '4xx': ErrorBody } as const;

export interface ApiContext {
  db: Db;
  clock: Clock;
}

/** Who is asking: a request after the sign-in guard (services need nothing else of it). */
export interface Caller {
  principal: Principal | null;
}

export function principalOf(caller: Caller): Principal {
  if (!caller.principal) throw new ApiError(401, 'missing-token', 'Sign in first.');
  return caller.principal;
}

/** The stored person for this request, marked as seen today; null when nothing is stored yet. */
export function knownPerson(q: Queryable, ctx: ApiContext, caller: Caller): Promise<string | null> {
  const { issuer, subject } = principalOf(caller);
  return touchPerson(q, issuer, subject, utcDay(ctx.clock()));
}

/** The stored person, created on first use (only creating or joining a team stores anyone). */
export function storedPerson(q: Queryable, ctx: ApiContext, caller: Caller): Promise<string> {
  const { issuer, subject } = principalOf(caller);
  return ensurePerson(q, issuer, subject, utcDay(ctx.clock()));
}

/**
 * The caller's membership in the team, or 404: a team the caller is not in answers exactly like a
 * team that does not exist, so its existence is not revealed. The one check every team route uses.
 */
export async function requireMembership(q: Queryable, ctx: ApiContext, caller: Caller, teamId: string): Promise<{ personId: string; membership: Membership }> {
  const personId = await knownPerson(q, ctx, caller);
  const membership = personId ? await getMembership(q, teamId, personId) : null;
  if (!personId || !membership) throw new ApiError(404, 'team-not-found', 'No such team, or you are not a member of it.');
  return { personId, membership };
}

/** requireMembership, and 403 unless the caller owns the team. */
export async function requireOwner(q: Queryable, ctx: ApiContext, caller: Caller, teamId: string): Promise<{ personId: string; membership: Membership }> {
  const found = await requireMembership(q, ctx, caller, teamId);
  if (!found.membership.isOwner) throw new ApiError(403, 'not-owner', 'Only the team owner can do this.');
  return found;
}

/** The seven days of an ISO week (YYYY-Www), or 400. */
export function weekDays(week: string): string[] {
  const days = daysOfIsoWeek(week);
  if (!days) throw new ApiError(400, 'invalid-week', 'The week must be an ISO week, YYYY-Www.');
  return days;
}
