/**
 * Shapes every API route shares, written once with TypeBox: the server validates and serialises
 * with them (@fastify/type-provider-typebox), the page takes their Static<> types and checks the
 * answers it depends on (typebox/value: interpreted, so the page's CSP needs no eval).
 */
import { Type, type Static } from 'typebox';
import { DAY_PATTERN_SOURCE, WEEK_PATTERN_SOURCE } from '../calendar';

/** Every error answer: a stable code for the page and a sentence for people reading logs. */
export const ErrorBody = Type.Object({ error: Type.String(), message: Type.String() });
export type ErrorBody = Static<typeof ErrorBody>;

/** Server-made opaque ids (teams, members, challenges, people): 16 random bytes, base64url. */
export const ID_PATTERN = '^[A-Za-z0-9_-]{22}$';
export const OpaqueId = Type.String({ pattern: ID_PATTERN });

/** A UTC or calendar day, YYYY-MM-DD, and an ISO week, YYYY-Www. */
export const Day = Type.String({ pattern: DAY_PATTERN_SOURCE });
export const Week = Type.String({ pattern: WEEK_PATTERN_SOURCE });
