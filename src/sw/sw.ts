/// <reference lib="webworker" />
/**
 * Our service worker (injectManifest). Precaches the app shell plus the pose model and the tfjs
 * wasm binaries (raised size limit in vite.config.ts), so after one online visit the app opens
 * and tracks offline. A new version waits for the page's SKIP_WAITING message.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { BackgroundSyncPlugin } from 'workbox-background-sync';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import { NAVIGATION_DENYLIST } from './navigation';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Single-page navigations fall back to the shell, except those in the denylist.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: NAVIGATION_DENYLIST }));

// Anonymous uploads that fail for want of a connection are replayed by Background Sync, byte for
// byte, when it returns, even if the app is closed by then. The page also keeps its own queue and
// retries on the next open; the server counts each token once, so a double delivery is harmless.
registerRoute(
  ({ url, request }) => url.origin === self.location.origin && url.pathname === '/api/contributions' && request.method === 'POST',
  new NetworkOnly({ plugins: [new BackgroundSyncPlugin('contributions', { maxRetentionTime: 4 * 24 * 60 })] }),
  'POST',
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
