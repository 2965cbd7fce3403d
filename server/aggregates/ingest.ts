/**
 * Anonymous ingest (docs/design.md §7.5). Gets only what it needs: the key ring and a database handle that
 * runs every transaction as the `microbreak_ingest` role, which may touch spent_tokens and
 * aggregate_sums (and read issuance_counts) and nothing else (no people, memberships or issuance).
 * Keeps no per-upload row except the spent nonce and its day, and logs nothing about the upload.
 * Verified uploads are committed in shuffled batches (batcher.ts).
 */
import './voprf-crypto';
import { TOKEN_TYPES, Token } from '@cloudflare/privacypass-ts';
import { timingSafeEqual } from 'node:crypto';
import { METRICS, TOKEN_BYTES, UPLOAD_LIMITS, UPLOAD_WINDOW_DAYS } from '../../src/core/aggregates';
import type { Contribution, ContributionReceipt } from '../../src/core/api/aggregates';
import { addDays, isDay } from '../../src/core/calendar';
import type { Db, Queryable } from '../db/connect';
import { ApiError } from '../errors';
import type { UploadBatcher } from './batcher';
import type { KeyRing } from './keys';
import { inlineTokenCrypto, type TokenCrypto } from './verify-pool';

export const INGEST_ROLE = 'microbreak_ingest';

/** A transaction runner confined to the aggregate tables. */
export interface AggregateDb {
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Whether transactions really run as the restricted role (false where it could not be set up). */
  readonly restricted: boolean;
}

/** Checks once whether the restricted role is usable; without it, transactions run as the app role. */
export async function aggregateDb(db: Db): Promise<AggregateDb> {
  const rows = await db.query<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AND pg_has_role(current_user, $1, 'MEMBER') AS ok`,
    [INGEST_ROLE],
  ).catch(() => [{ ok: false }]);
  const restricted = rows[0]?.ok === true;
  return {
    restricted,
    transaction: (fn) =>
      db.transaction(async (tx) => {
        if (restricted) await tx.query(`SET LOCAL ROLE ${INGEST_ROLE}`);
        return fn(tx);
      }),
  };
}

const malformedToken = () => new ApiError(400, 'malformed-token', 'The token is not a serialized Privacy Pass token.');
const invalidToken = () => new ApiError(403, 'invalid-token', 'The token is not valid for this team and day.');

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

const INLINE = inlineTokenCrypto();

/** Parses and verifies the token; returns its nonce. Throws ApiError. */
async function verify(keys: KeyRing, body: Contribution, crypto: TokenCrypto): Promise<Uint8Array> {
  const bytes = Buffer.from(body.token, 'base64url');
  if (bytes.length !== TOKEN_BYTES || bytes.toString('base64url') !== body.token) throw malformedToken();
  let token: Token;
  try {
    token = Token.deserialize(TOKEN_TYPES.VOPRF, new Uint8Array(bytes));
  } catch {
    throw malformedToken();
  }
  if (token.authInput.tokenType !== TOKEN_TYPES.VOPRF.value) throw invalidToken();
  const key = keys.key(body.team, body.day);
  if (!sameBytes(token.authInput.tokenKeyId, key.keyId) || !sameBytes(token.authInput.challengeDigest, key.challengeDigest)) {
    throw invalidToken();
  }
  // What privateVerif.verifyToken(token, key.privateKey) computes, bit for bit (verify-fast.mjs; a
  // test checks it against the library), on the worker pool when there is one.
  if (!(await crypto.verify(key.privateKey, token.authInput.serialize(), token.authenticator))) throw invalidToken();
  return token.authInput.nonce;
}

/**
 * Checks, verifies and hands the upload to the batcher; resolves once its batch has committed.
 * `crypto`: where tokens are verified (the server's worker pool; inline by default).
 */
export async function ingest(batcher: UploadBatcher, keys: KeyRing, today: string, body: Contribution, crypto: TokenCrypto = INLINE): Promise<ContributionReceipt> {
  if (!isDay(body.day)) throw new ApiError(400, 'invalid-day', 'The day is not a calendar day (YYYY-MM-DD).');
  if (body.day >= today || body.day < addDays(today, -UPLOAD_WINDOW_DAYS)) {
    throw new ApiError(422, 'day-not-open', `Uploads for a day are accepted from the next day on, for ${UPLOAD_WINDOW_DAYS} days.`);
  }
  for (const metric of METRICS) {
    const value = body[metric];
    if (!Number.isSafeInteger(value) || value < UPLOAD_LIMITS[metric].min || value > UPLOAD_LIMITS[metric].max) {
      throw new ApiError(400, 'out-of-range', `${metric} must be an integer from ${UPLOAD_LIMITS[metric].min} to ${UPLOAD_LIMITS[metric].max}.`);
    }
  }
  const nonce = await verify(keys, body, crypto);
  return batcher.submit({
    nonce,
    team: body.team,
    day: body.day,
    values: { activeMinutes: body.activeMinutes, reps: body.reps, movementPoints: body.movementPoints },
  });
}
