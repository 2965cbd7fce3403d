/** The user's data rights on this device: see, export, import (merge), erase, and the retention purge. */
import { addDays, localDay } from '../../core/calendar';
import { beatsBest } from '../../core/play/correction';
import { purgeUploadsBefore } from '../aggregates/store';
import { closeStore, DB_NAME, openStore, toStorageError } from './db';
import { EXPORT_FORMAT, parseExport, type ExportFile } from './export-format';

export const RETENTION_KEY = 'privacy.retentionMonths';
export const RETENTION_CHOICES = [1, 3, 6, 12] as const;
export const DEFAULT_RETENTION_MONTHS = 12;

export interface StoredOverview { sessions: number; firstDate: string | null; lastDate: string | null; personalBests: number; settings: number }

export async function storedOverview(): Promise<StoredOverview> {
  await purgeAtStart();
  const db = await openStore();
  const [sessions, bests, settings] = await Promise.all([db.count('sessions'), db.count('bests'), db.count('settings')]);
  const index = db.transaction('sessions').store.index('by-date');
  const [first, last] = await Promise.all([index.openKeyCursor(null, 'next'), index.openKeyCursor(null, 'prev')]);
  return { sessions, firstDate: first?.key ?? null, lastDate: last?.key ?? null, personalBests: bests, settings };
}

export async function exportAll(now = new Date()): Promise<ExportFile> {
  const db = await openStore();
  const tx = db.transaction(['sessions', 'bests', 'settings', 'uploads']);
  const [sessions, personalBests, keys, values, uploads] = await Promise.all([
    tx.objectStore('sessions').getAll(),
    tx.objectStore('bests').getAll(),
    tx.objectStore('settings').getAllKeys(),
    tx.objectStore('settings').getAll(),
    tx.objectStore('uploads').getAll(),
  ]);
  const settings = Object.fromEntries(keys.map((key, i) => [key, values[i]]));
  return { format: EXPORT_FORMAT, exportedAt: now.toISOString(), sessions, personalBests, settings, uploads };
}

export interface ImportResult { added: number; alreadyPresent: number }

/** Choices that belong to this device and this person's explicit act, never taken from a file: camera consent above all. */
const DEVICE_ONLY_SETTINGS: ReadonlySet<string> = new Set(['consent.camera']);

/** Merges an export into this device: sessions by id (no duplicates), the better personal best, settings only where unset. One transaction: all or nothing. */
export async function importFile(text: string): Promise<ImportResult> {
  const file = parseExport(text); // throws ImportError with a path before anything is written
  try {
    const db = await openStore();
    const tx = db.transaction(['sessions', 'bests', 'settings'], 'readwrite');
    let added = 0;
    for (const session of file.sessions) {
      if (await tx.objectStore('sessions').getKey(session.id)) continue;
      await tx.objectStore('sessions').add(session);
      added++;
    }
    for (const imported of file.personalBests) {
      const current = await tx.objectStore('bests').get(imported.game);
      if (!current || beatsBest(imported, current)) await tx.objectStore('bests').put(imported);
    }
    for (const [key, value] of Object.entries(file.settings)) {
      if (DEVICE_ONLY_SETTINGS.has(key)) continue;
      if ((await tx.objectStore('settings').getKey(key)) === undefined) await tx.objectStore('settings').put(value, key);
    }
    await tx.done;
    return { added, alreadyPresent: file.sessions.length - added };
  } catch (error) {
    throw toStorageError(error);
  }
}

/** Deletes history older than the retention period (personal bests stay: they are one record per game). */
export async function purgeOldHistory(now = new Date()): Promise<number> {
  const db = await openStore();
  const months = Number((await db.get('settings', RETENTION_KEY)) ?? DEFAULT_RETENTION_MONTHS);
  const cutoff = new Date(now);
  cutoff.setMonth(cutoff.getMonth() - (RETENTION_CHOICES.includes(months as 12) ? months : DEFAULT_RETENTION_MONTHS));
  const firstKept = localDay(cutoff);
  const tx = db.transaction('sessions', 'readwrite');
  let removed = 0;
  let cursor = await tx.store.index('by-date').openCursor(IDBKeyRange.upperBound(addDays(firstKept, -1)));
  while (cursor) {
    await cursor.delete();
    removed++;
    cursor = await cursor.continue();
  }
  await tx.done;
  // The upload log follows the same retention (queued uploads stay until sent or expired).
  await purgeUploadsBefore(firstKept);
  return removed;
}

let startPurge: Promise<number> | null = null;

/** The retention purge of this app start, run once; views that show history await it so they never show what is due to go. */
export function purgeAtStart(): Promise<number> {
  startPurge ??= purgeOldHistory().catch(() => 0);
  return startPurge;
}

/** Asks the service worker to close a Background Sync database connection (older versions kept one, src/sw/sw.ts); ≤ 2 s. */
async function closeBackgroundSyncQueue(): Promise<void> {
  const worker = navigator.serviceWorker?.controller;
  if (!worker) return;
  await new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(resolve, 2000);
    channel.port1.onmessage = () => {
      clearTimeout(timer);
      resolve();
    };
    worker.postMessage({ type: 'CLOSE_SYNC_QUEUE' }, [channel.port2]);
  });
}

/** Workbox Background Sync's database, left by versions that queued uploads in the service worker. */
export const BACKGROUND_SYNC_DB = 'workbox-background-sync';

/**
 * Deletes a database. "Blocked" is not a failure yet: the deletion goes ahead as soon as the other
 * connection (another window, or the service worker's sync queue) closes; after `waitMs` it is
 * reported as a failure, never ignored.
 */
function deleteDatabase(name: string, waitMs = 10_000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    let timer: ReturnType<typeof setTimeout> | undefined;
    request.onsuccess = () => {
      clearTimeout(timer);
      resolve();
    };
    request.onerror = () => {
      clearTimeout(timer);
      reject(request.error ?? new Error(`could not delete ${name}`));
    };
    request.onblocked = () => {
      timer ??= setTimeout(() => reject(new Error(`${name}: another window of the app or its background upload queue still has it open`)), waitMs);
    };
  });
}

/** Everything this app keeps on the device, gone: the database, web storage (language, sign-in tokens, …) and any non-app caches. */
export async function eraseEverything(): Promise<void> {
  await closeStore();
  await deleteDatabase(DB_NAME);
  // The service worker's Background Sync queue may hold uploads waiting for a connection; the
  // worker is asked to close it first. A failure is reported, not swallowed.
  await closeBackgroundSyncQueue();
  await deleteDatabase(BACKGROUND_SYNC_DB);
  // The whole origin is ours: this also removes MSAL's sign-in cache.
  localStorage.clear();
  sessionStorage.clear();
  // The service worker's precache holds only the app itself (code, model), never personal data;
  // any other cache would be ours to clear.
  for (const name of await caches.keys()) if (!name.startsWith('workbox-precache')) await caches.delete(name);
}
