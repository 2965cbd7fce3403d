/**
 * Abuse limits with @fastify/rate-limit, answered as 429 with Retry-After:
 *  - per connection address on every route (anonymous ones included), counted in this process's
 *    memory only: addresses are never stored elsewhere, never logged (the 429 log line has no
 *    address) and forgotten when the window passes;
 *  - per signed-in person on the signed-in routes, keyed by an HMAC of issuer + subject (not the
 *    identity itself), in Redis when REDIS_URL is set so that every replica counts together, or in
 *    memory otherwise.
 *  - joining by invite code (join and its preview): a much stricter budget of its own, per person
 *    (Redis when set) and per address (memory), counted over an hour. The invite code's length is
 *    computed from it (server/teams/repository.ts newInviteCode).
 * A Redis outage lets requests through (skipOnError) rather than taking the API down.
 */
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { RateLimitConfig } from './config';
import { ApiError } from './errors';
import { isGatewayDispatch } from './ohttp/gateway';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

function tooMany(_request: FastifyRequest, context: { after: string; ttl: number }) {
  const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
  return new ApiError(429, 'rate-limited', `Too many requests; try again in ${seconds} seconds.`);
}

/** Per connection address, on every route registered after it (memory only). */
export async function limitPerAddress(app: FastifyInstance, config: RateLimitConfig): Promise<void> {
  await app.register(rateLimit, {
    max: config.perAddressPerMinute,
    timeWindow: MINUTE_MS,
    hook: 'onRequest',
    // A request the OHTTP gateway dispatched was counted as the relay's outer request already.
    allowList: (request) => isGatewayDispatch(request) || config.allowList.includes(request.ip),
    errorResponseBuilder: tooMany,
  });
}

export interface PersonLimiter {
  /** Registers the per-person limit on the routes of `scope` (after the sign-in hook). */
  register(scope: FastifyInstance): Promise<void>;
  /** The join budget on every route of `scope` (one count shared by all of them), on top of the above. */
  limitJoins(scope: FastifyInstance): Promise<void>;
  close(): Promise<void>;
}

/** `secret`: keys the HMAC of the person (the same on every replica: derived from the token master secret). */
export function personLimiter(config: RateLimitConfig, secret: Uint8Array | null): PersonLimiter {
  const key = secret ? Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), Buffer.from('microbreak rate-limit person key'), 32)) : randomBytes(32);
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { connectTimeout: 2000, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true })
    : null;
  // Connection errors are retried by ioredis; meanwhile requests pass (skipOnError).
  redis?.on('error', () => undefined);
  const personKey = (request: FastifyRequest) => {
    const p = request.principal;
    return p ? createHmac('sha256', key).update(`${p.issuer}\n${p.subject}`).digest('base64url').slice(0, 32) : 'anonymous';
  };
  const perPerson = (scope: FastifyInstance, max: number, timeWindow: number, nameSpace: string) =>
    scope.register(rateLimit, {
      max,
      timeWindow,
      // After the sign-in hook (onRequest), so the person is known.
      hook: 'preHandler',
      keyGenerator: personKey,
      ...(redis ? { redis, nameSpace } : {}),
      skipOnError: true,
      errorResponseBuilder: tooMany,
    });
  return {
    async register(scope) {
      // Connected before the first request; if Redis is down now, ioredis keeps retrying.
      if (redis) await redis.connect().catch((error: Error) => scope.log.warn({ err: { type: error.name } }, 'rate-limit store (Redis) not reachable; requests pass until it is'));
      await perPerson(scope, config.perPersonPerMinute, MINUTE_MS, 'microbreak-rl-person-');
    },
    async limitJoins(scope) {
      // Two registrations in one encapsulated scope: both count every request of its routes,
      // and the routes share each count (one store per registration, no per-route key).
      await perPerson(scope, config.joinPerPersonPerHour, HOUR_MS, 'microbreak-rl-join-');
      await scope.register(rateLimit, {
        max: config.joinPerAddressPerHour,
        timeWindow: HOUR_MS,
        hook: 'preHandler',
        allowList: config.allowList,
        errorResponseBuilder: tooMany,
      });
    },
    async close() {
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}
