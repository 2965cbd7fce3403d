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
const syncPlugin = new BackgroundSyncPlugin('contributions', { maxRetentionTime: 4 * 24 * 60 });
registerRoute(
  ({ url, request }) => url.origin === self.location.origin && url.pathname === '/api/contributions' && request.method === 'POST',
  new NetworkOnly({ plugins: [syncPlugin] }),
  'POST',
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === 'SKIP_WAITING') void self.skipWaiting();
  // "Erase everything": Workbox keeps its queue database open (no close(), no versionchange
  // handler), which blocks the page's deleteDatabase; the worker closes that connection, then answers.
  // Reaching it goes through Workbox internals (pinned 7.4.1); if they change, the page's delete
  // reports the blocked database instead of failing silently.
  if (type === 'CLOSE_SYNC_QUEUE') {
    event.waitUntil(closeSyncQueue().finally(() => event.ports[0]?.postMessage({ closed: true })));
  }
});

async function closeSyncQueue(): Promise<void> {
  const db = (syncPlugin as unknown as { _queue?: { _queueStore?: { _queueDb?: { _db?: IDBDatabase | { close(): void } | null } } } })._queue?._queueStore?._queueDb;
  if (db?._db) {
    db._db.close();
    db._db = null;
  }
}
