/// <reference lib="webworker" />
/**
 * Our service worker (injectManifest). Precaches the app shell plus the pose model and the tfjs
 * wasm binaries (raised size limit in vite.config.ts), so after one online visit the app opens
 * and tracks offline. A new version waits for the page's SKIP_WAITING message.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NAVIGATION_DENYLIST } from './navigation';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Single-page navigations fall back to the shell, except those in the denylist.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: NAVIGATION_DENYLIST }));

// Anonymous uploads have ONE queue, the page's (src/app/aggregates/uploads.ts): it checks the
// endpoint's jurisdiction before every send and spaces sends in time. The service worker does not
// replay them (a Background Sync replay would skip that check and send at a moment of its own).

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === 'SKIP_WAITING') void self.skipWaiting();
  // "Erase everything" asks the worker to close its Background Sync queue database first. This
  // version keeps no queue (see above); a leftover database of an older version is deleted by the page.
  if (type === 'CLOSE_SYNC_QUEUE') event.ports[0]?.postMessage({ closed: true });
});
