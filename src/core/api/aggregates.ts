/**
 * The aggregates API (docs/design.md §7), written once: the key list, token issuance and the
 * anonymous upload. The server validates and serialises with these schemas; the page takes their
 * types and checks the answers it depends on. Published totals: team-results.ts.
 */
import { Type, type Static } from 'typebox';
import { ISSUE_DAYS, TOKEN_B64_LENGTH, TOKEN_ISSUER_NAME, TOKEN_TYPE, UPLOAD_LIMITS, type Metric } from '../aggregates';
import { Day, OpaqueId } from './common';
import { MAX_TEAMS_PER_PERSON } from './teams';

const b64 = (length: number) => Type.String({ pattern: `^[A-Za-z0-9_-]{${length}}$` });
const count = (metric: Metric) => Type.Integer({ minimum: UPLOAD_LIMITS[metric].min, maximum: UPLOAD_LIMITS[metric].max });
const closed = { additionalProperties: false } as const;

/** GET /api/token-keys: every current (team, day) public key (base64url), one list for everybody. */
export const KeyListEntry = Type.Object({ team: OpaqueId, day: Day, keyId: Type.String(), publicKey: Type.String() });
export type KeyListEntry = Static<typeof KeyListEntry>;
export const KeyList = Type.Object({ issuerName: Type.Literal(TOKEN_ISSUER_NAME), tokenType: Type.Literal(TOKEN_TYPE), from: Day, to: Day, keys: Type.Array(KeyListEntry) });
export type KeyList = Static<typeof KeyList>;

/** Serialized VOPRF TokenRequest: 2 + 1 + 49 bytes. */
const TOKEN_REQUEST_B64_LENGTH = Math.ceil((52 * 4) / 3);
export const TokenRequest = Type.Object({ team: OpaqueId, day: Day, request: b64(TOKEN_REQUEST_B64_LENGTH) }, closed);
export type TokenRequest = Static<typeof TokenRequest>;
/** POST /api/tokens: at most one request per team and day of the issuance window. */
export const TokenRequests = Type.Object({ requests: Type.Array(TokenRequest, { maxItems: MAX_TEAMS_PER_PERSON * ISSUE_DAYS }) }, closed);

export const IssuanceRefusal = Type.Enum(['not-a-member', 'team-too-small', 'day-out-of-range', 'already-issued', 'malformed-request']);
export type IssuanceRefusal = Static<typeof IssuanceRefusal>;
/** The answer of POST /api/tokens, in the order asked: evaluations, and what was refused and why. */
export const Issuance = Type.Object({
  issued: Type.Array(Type.Object({ team: OpaqueId, day: Day, response: Type.String() })),
  refused: Type.Array(Type.Object({ team: OpaqueId, day: Day, error: IssuanceRefusal })),
});
export type Issuance = Static<typeof Issuance>;

/**
 * POST /api/contributions, the one upload body: nothing else is ever sent (no timestamp, device or
 * version). `token`: Privacy Pass (type 0x0001), base64url; `day`: the person's own calendar day.
 */
export const Contribution = Type.Object(
  {
    token: b64(TOKEN_B64_LENGTH),
    team: OpaqueId,
    day: Day,
    activeMinutes: count('activeMinutes'),
    reps: count('reps'),
    movementPoints: count('movementPoints'),
  },
  closed,
);
export type Contribution = Static<typeof Contribution>;
export const ContributionReceipt = Type.Object({ counted: Type.Boolean(), duplicate: Type.Boolean() });
export type ContributionReceipt = Static<typeof ContributionReceipt>;
