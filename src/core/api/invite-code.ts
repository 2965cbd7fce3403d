/**
 * Invite codes people can read aloud: 12 characters of Crockford base32 (digits and capitals
 * without I, L, O and U), shown in groups of four, e.g. `K7QF-9M2X-TR4D`. Typed in any case, with
 * or without spaces and dashes; O is read as 0 and I/L as 1, as Crockford's decoding rules say.
 * The server makes them (server/teams/repository.ts newInviteCode, where the length is justified
 * against the join route's rate limits); page and server read them with the same rules here.
 *
 * Codes made before the short form (22 characters of base64url, 128 random bits) are still
 * accepted exactly as they are: links already shared keep working.
 */
export const INVITE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const INVITE_LENGTH = 12;
export const INVITE_GROUP = 4;

const SHORT = new RegExp(`^[${INVITE_ALPHABET}]{${INVITE_LENGTH}}$`);
const LEGACY = /^[A-Za-z0-9_-]{22}$/;

/** The stored (canonical) short code for what a person typed, or null when it cannot be one. */
export function normalizeInviteCode(text: string): string | null {
  const code = text.replace(/[\s-]+/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  return SHORT.test(code) ? code : null;
}

/** `K7QF9M2XTR4D` → `K7QF-9M2X-TR4D`; a legacy code is shown as it is. */
export function formatInviteCode(code: string): string {
  if (!SHORT.test(code)) return code;
  return code.match(new RegExp(`.{1,${INVITE_GROUP}}`, 'g'))!.join('-');
}

/** Every stored code that `text` may stand for (none: it is no invite code). */
export function inviteCandidates(text: string): string[] {
  const value = text.trim();
  const out: string[] = [];
  if (LEGACY.test(value)) out.push(value);
  const short = normalizeInviteCode(value);
  if (short) out.push(short);
  return out;
}
