/**
 * One API replica as its own process, for the multi-replica test: PostgreSQL (DATABASE_URL +
 * DB_SCHEMA), the shared TOKEN_MASTER_SECRET, a test issuer (OIDC_ISSUER, OIDC_JWKS_URI) and a
 * clock read from NOW_FILE on every call (so the test can move both replicas' time at once).
 * REDIS_URL: the shared rate-limit store (RATE_LIMIT_PER_* override the limits). Prints `PORT <n>` when listening.
 */
import { readFileSync } from 'node:fs';
import { buildServer } from '../app';
import { DEFAULT_RATE_LIMIT } from '../config';
import { connectPostgres } from '../db/connect';
import { parseMasterSecret } from '../aggregates/keys';
import { TEST_AUDIENCE, TEST_SCOPE } from './issuer';

const env = process.env;
const db = connectPostgres({ url: env.DATABASE_URL as string, schema: env.DB_SCHEMA, max: 4 });
const clock = () => new Date(readFileSync(env.NOW_FILE as string, 'utf8').trim());
const app = await buildServer({
  db,
  clock,
  auth: {
    issuer: env.OIDC_ISSUER as string,
    audience: TEST_AUDIENCE,
    jwksUri: env.OIDC_JWKS_URI as string,
    requiredScope: TEST_SCOPE,
    algorithms: ['RS256'],
    clockToleranceSeconds: 30,
  },
  aggregates: { masterSecret: parseMasterSecret(env.TOKEN_MASTER_SECRET as string) },
  rateLimit: {
    ...DEFAULT_RATE_LIMIT,
    perAddressPerMinute: Number(env.RATE_LIMIT_PER_ADDRESS ?? DEFAULT_RATE_LIMIT.perAddressPerMinute),
    perPersonPerMinute: Number(env.RATE_LIMIT_PER_PERSON ?? DEFAULT_RATE_LIMIT.perPersonPerMinute),
    joinPerPersonPerHour: Number(env.RATE_LIMIT_JOIN_PER_PERSON ?? DEFAULT_RATE_LIMIT.joinPerPersonPerHour),
    joinPerAddressPerHour: Number(env.RATE_LIMIT_JOIN_PER_ADDRESS ?? DEFAULT_RATE_LIMIT.joinPerAddressPerHour),
    redisUrl: env.REDIS_URL ?? null,
  },
  retentionMonths: 12,
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => db.close())
    .then(() => process.exit(0));
});
