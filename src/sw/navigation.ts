/**
 * Navigations the service worker must NOT answer with the app shell: the API, the sign-in
 * redirect bridge (a cached bridge breaks sign-in), the bench page and well-known documents.
 * Workbox matches against pathname + query, so each pattern ends at "?" or the end.
 */
export const NAVIGATION_DENYLIST: RegExp[] = [
  /^\/api\//,
  /^\/redirect(\.html)?(\?|$)/,
  /^\/bench(\.html)?(\?|$)/,
  /^\/\.well-known\//,
];

/** What Workbox's NavigationRoute does with the denylist, for tests. */
export function isShellNavigation(pathAndQuery: string): boolean {
  return !NAVIGATION_DENYLIST.some((pattern) => pattern.test(pathAndQuery));
}
