/**
 * Nothing typed is lost to a sign-in redirect: just before the page navigates to the identity
 * provider, the registered collector's drafts go to sessionStorage (this tab only), and the view
 * takes them back once the page is loaded again.
 */
const KEY = 'microbreak.auth.pending';

export type Drafts = Record<string, string>;

let collect: (() => Drafts) | null = null;

/** The view that owns the drafts registers how to read them; returns an unregister function. */
export function collectDraftsWith(fn: () => Drafts): () => void {
  collect = fn;
  return () => {
    if (collect === fn) collect = null;
  };
}

export function saveDrafts(): void {
  try {
    const drafts = collect?.() ?? {};
    if (Object.keys(drafts).length > 0) sessionStorage.setItem(KEY, JSON.stringify(drafts));
  } catch {
    // storage unavailable: the redirect still works, the drafts are typed again
  }
}

/** The saved drafts, once (they are removed as they are read). */
export function takeDrafts(): Drafts {
  try {
    const raw = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (!parsed || typeof parsed !== 'object') return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}
