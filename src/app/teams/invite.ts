/** Invite links (`/?join=CODE`) and codes: making them, reading them from text or the address bar. */
const CODE = /^[A-Za-z0-9_-]{22}$/;

export function inviteLink(code: string): string {
  return `${location.origin}/?join=${encodeURIComponent(code)}`;
}

/** A code, or a link that carries one (pasted from anywhere); null when it is neither. */
export function parseInvite(text: string): string | null {
  const value = text.trim();
  if (CODE.test(value)) return value;
  const url = URL.parse(value) ?? URL.parse(value, location.origin);
  const code = url?.searchParams.get('join')?.trim() ?? '';
  return CODE.test(code) ? code : null;
}

/** The invite in the current address (an opened invite link), if any. */
export function inviteFromLocation(): string | null {
  const code = new URLSearchParams(location.search).get('join');
  return code && CODE.test(code) ? code : null;
}

/** The address carries ?join=… but it is no invite code (cut short when copied, say). */
export function brokenInviteInLocation(): boolean {
  const code = new URLSearchParams(location.search).get('join');
  return code !== null && !CODE.test(code);
}

/** Removes ?join=… from the address once handled, so a reload does not offer it again. */
export function clearInviteFromLocation(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has('join')) return;
  url.searchParams.delete('join');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}
