/**
 * Invite links (`/?join=K7QF-9M2X-TR4D`) and codes: making them, reading them from text or the
 * address bar. A code is read as people type it (src/core/api/invite-code.ts): any case, spaces or
 * dashes, O for 0, I or L for 1; a legacy 22-character code as it is.
 */
import { formatInviteCode, inviteCandidates, normalizeInviteCode } from '../../core/api/invite-code';

/** What the join form's hint and error show as an example code. */
export const EXAMPLE_CODE = 'K7QF-9M2X-TR4D';

export function inviteLink(code: string): string {
  return `${location.origin}/?join=${encodeURIComponent(code)}`;
}

/** The code as the API and the owner's card show it (short codes grouped, legacy ones as they are). */
function canonical(text: string): string | null {
  const value = text.trim();
  const candidates = inviteCandidates(value);
  if (candidates.length === 0) return null;
  const short = normalizeInviteCode(value);
  // A short code wins; a legacy one (22 characters) is kept exactly as it is.
  return short ? formatInviteCode(short) : candidates[0];
}

/** A code, or a link that carries one (pasted from anywhere); null when it is neither. */
export function parseInvite(text: string): string | null {
  const direct = canonical(text);
  if (direct) return direct;
  const value = text.trim();
  const url = URL.parse(value) ?? URL.parse(value, location.origin);
  const code = url?.searchParams.get('join') ?? '';
  return code ? canonical(code) : null;
}

/** The invite in the current address (an opened invite link), if any. */
export function inviteFromLocation(): string | null {
  const code = new URLSearchParams(location.search).get('join');
  return code ? canonical(code) : null;
}

/** The address carries ?join=… but it is no invite code (cut short when copied, say). */
export function brokenInviteInLocation(): boolean {
  const code = new URLSearchParams(location.search).get('join');
  return code !== null && canonical(code) === null;
}

/** Removes ?join=… from the address once handled, so a reload does not offer it again. */
export function clearInviteFromLocation(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has('join')) return;
  url.searchParams.delete('join');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}
