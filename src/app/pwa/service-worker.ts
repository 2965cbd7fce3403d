/**
 * Service worker registration and the update flow: a new version waits until the user says
 * "update now", and that button is never offered in the middle of a game.
 */
import { createModel, signal } from '@preact/signals';
import { Workbox } from 'workbox-window';

/** "Ready to work offline" is news once: then it leaves the room above the tabs. */
export const OFFLINE_NOTE_MS = 10_000;

export const PwaModel = createModel(() => {
  const updateWaiting = signal(false);
  const offlineReady = signal(false);
  let workbox: Workbox | null = null;
  let userAcceptedUpdate = false;
  return {
    updateWaiting,
    offlineReady,
    async register(): Promise<void> {
      if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
      workbox = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
      workbox.addEventListener('waiting', () => {
        updateWaiting.value = true;
      });
      workbox.addEventListener('installed', (event) => {
        if (event.isUpdate) return;
        offlineReady.value = true;
        setTimeout(() => { offlineReady.value = false; }, OFFLINE_NOTE_MS);
      });
      workbox.addEventListener('controlling', (event) => {
        // Only the user's "update now" may reload the page; another tab's choice must not interrupt a game here.
        if (event.isUpdate && userAcceptedUpdate) location.reload();
      });
      try {
        const registration = await workbox.register();
        // An installed app can stay open for days: look for a new version every hour.
        if (registration) setInterval(() => void registration.update().catch(() => undefined), 60 * 60 * 1000);
      } catch (error) {
        console.warn('service worker registration failed; the app works online only', error);
      }
    },
    /** Called by the "update now" button, which the UI hides while a game runs. */
    applyUpdate(): void {
      if (!workbox) return;
      userAcceptedUpdate = true;
      workbox.messageSkipWaiting();
    },
  };
});
export type PwaModel = InstanceType<typeof PwaModel>;
