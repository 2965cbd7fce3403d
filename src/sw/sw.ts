/// <reference lib="webworker" />
/**
 * Our service worker (injectManifest). Precaches the app shell plus the pose model and the tfjs
 * wasm binaries (raised size limit in vite.config.ts), so after one online visit the app opens
 * and tracks offline. A new version waits for the page's SKIP_WAITING message.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Single-page navigations fall back to the shell, but never the API or the sign-in redirect
// bridge (a cached bridge breaks sign-in) or pages that are their own entries.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/api\//, /\/redirect(\.html)?$/, /\/bench(\.html)?$/, /^\/\.well-known\//],
  }),
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
