/**
 * Token issuance rules (docs/design.md §7.2): one token per PERSON, team and day, for ever, and
 * none for a team under k members. Abuse checks come before any cryptography; the quota is taken
 * in one transaction after the (slow) evaluations, where membership is checked again.
 */
import './voprf-crypto';
import { TOKEN_TYPES, privateVerif } from '@cloudflare/privacypass-ts';
import { ISSUE_DAYS, MIN_CONTRIBUTORS } from '../../src/core/aggregates';
import type { Issuance, IssuanceRefusal, TokenRequest } from '../../src/core/api/aggregates';
import { addDays, isDay } from '../../src/core/calendar';
import type { Principal } from '../auth/verify';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { issuanceMarker, type KeyRing } from './keys';
import { recordIssuance, storedMarkers, teamSizes } from './repository';
import type { TokenCrypto } from './verify-pool';

export interface IssuanceContext {
  db: Db;
  keys: KeyRing;
  /** HMAC key of the issuance markers (derived from the token master secret). */
  markerKey: Uint8Array;
  /** Token verification and issuance evaluation (a worker pool in the server). */
  tokenCrypto: TokenCrypto;
}

type Item = { team: string; day: string };
type Refused = Issuance['refused'][number];
type Issued = Issuance['issued'][number];

const pick = (item: Item): Item => ({ team: item.team, day: item.day });
const byTeamAndDay = (a: Item, b: Item) => (a.team === b.team ? (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) : a.team < b.team ? -1 : 1);

/** `asker`: the sign-in, and the stored person (null: nothing stored yet). */
export async function issueTokens(ctx: IssuanceContext, asker: Principal & { personId: string | null }, requests: TokenRequest[], today: string): Promise<Issuance> {
  const lastDay = addDays(today, ISSUE_DAYS - 1);
  const { personId } = asker;
  const memberships = personId ? await teamSizes(ctx.db, personId) : new Map<string, number>();
  // Abuse limits before any cryptography: a batch naming one (team, day) twice is refused whole,
  // and items already issued to this person (the markers) are refused without an evaluation.
  const seen = new Set<string>();
  for (const item of requests) {
    const id = `${item.team}|${item.day}`;
    if (seen.has(id)) throw new ApiError(400, 'duplicate-item', `Invalid request: team ${item.team} and day ${item.day} are asked for more than once.`);
    seen.add(id);
  }
  const markerOf = (item: Item) => issuanceMarker(ctx.markerKey, asker.issuer, asker.subject, item.team, item.day);
  const alreadyIssued = await storedMarkers(ctx.db, memberships.size > 0 ? requests.filter((item) => memberships.has(item.team)).map(markerOf) : []);
  // Requests are evaluated concurrently on the token crypto pool; answers keep the request order.
  const refusal = (item: Item, error: IssuanceRefusal): Refused => ({ ...pick(item), error });
  const outcomes = await Promise.all(
    requests.map(async (item): Promise<Issued | Refused> => {
      const size = memberships.get(item.team);
      if (size === undefined) return refusal(item, 'not-a-member');
      // A team under k members gets no tokens at all: its sums would hold one person's day.
      if (size < MIN_CONTRIBUTORS) return refusal(item, 'team-too-small');
      if (!isDay(item.day) || item.day < today || item.day > lastDay) return refusal(item, 'day-out-of-range');
      if (alreadyIssued.has(markerOf(item).toString('hex'))) return refusal(item, 'already-issued');
      try {
        const bytes = new Uint8Array(Buffer.from(item.request, 'base64url'));
        const tokenRequest = privateVerif.TokenRequest.deserialize(bytes);
        const key = ctx.keys.key(item.team, item.day);
        if (tokenRequest.tokenType !== TOKEN_TYPES.VOPRF.value || tokenRequest.truncatedTokenKeyId !== key.keyId[key.keyId.length - 1]) {
          throw new Error('wrong key');
        }
        const response = await ctx.tokenCrypto.issue(key.privateKey, key.publicKey, bytes);
        return { ...pick(item), response: Buffer.from(response).toString('base64url') };
      } catch {
        return refusal(item, 'malformed-request');
      }
    }),
  );
  const refused: Refused[] = [];
  const evaluated: Issued[] = [];
  for (const outcome of outcomes) {
    if ('error' in outcome) refused.push(outcome);
    else evaluated.push(outcome);
  }
  // The quota: a keyed marker of issuer + subject (issuance_markers) that no account deletion or
  // re-join frees. Membership and the team size are checked again inside the transaction: the
  // person may have left the team (or the team closed, or the account was deleted) meanwhile.
  const issued = await ctx.db
    .transaction(async (tx) => {
      const late: Refused[] = [];
      const granted = new Set<Issued>();
      // Shared count rows are locked in one global order (team, day): concurrent issuances never deadlock.
      for (const item of [...evaluated].sort(byTeamAndDay)) {
        const size = personId ? (await teamSizes(tx, personId)).get(item.team) : undefined;
        if (personId === null || size === undefined) late.push(refusal(item, 'not-a-member'));
        else if (size < MIN_CONTRIBUTORS) late.push(refusal(item, 'team-too-small'));
        else if (!(await recordIssuance(tx, markerOf(item), personId, item.team, item.day))) late.push(refusal(item, 'already-issued'));
        else granted.add(item);
      }
      refused.push(...late);
      return evaluated.filter((item) => granted.has(item));
    })
    .catch((error: { code?: string }) => {
      // 23503: the person or team row went away between the check and the insert.
      if (error.code !== '23503') throw error;
      refused.push(...evaluated.map((item) => refusal(item, 'not-a-member')));
      return [];
    });
  return { issued, refused };
}
