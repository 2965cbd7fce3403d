/** The token and upload stores (IndexedDB): what the upload pipeline keeps on this device. */
import { openStore, toStorageError, type StoredToken, type StoredUpload } from '../storage/db';

export async function allTokens(): Promise<StoredToken[]> {
  try {
    return await (await openStore()).getAll('tokens');
  } catch (error) {
    throw toStorageError(error);
  }
}

export async function putTokens(tokens: StoredToken[]): Promise<void> {
  try {
    const tx = (await openStore()).transaction('tokens', 'readwrite');
    await Promise.all([...tokens.map((t) => tx.store.put(t)), tx.done]);
  } catch (error) {
    throw toStorageError(error);
  }
}

export async function deleteTokens(ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  try {
    const tx = (await openStore()).transaction('tokens', 'readwrite');
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  } catch (error) {
    throw toStorageError(error);
  }
}

export async function allUploads(): Promise<StoredUpload[]> {
  try {
    return await (await openStore()).getAll('uploads');
  } catch (error) {
    throw toStorageError(error);
  }
}

export async function putUpload(upload: StoredUpload): Promise<void> {
  try {
    await (await openStore()).put('uploads', upload);
  } catch (error) {
    throw toStorageError(error);
  }
}

/**
 * Moves a token into the queue: the upload (which now holds the token in its body) is added and
 * the token deleted in one transaction, so a token is never queued twice or lost in between.
 * Returns false when an upload for that (team, day) exists already.
 */
export async function queueUpload(upload: StoredUpload): Promise<boolean> {
  try {
    const tx = (await openStore()).transaction(['uploads', 'tokens'], 'readwrite');
    const exists = await tx.objectStore('uploads').getKey(upload.id);
    if (!exists) await tx.objectStore('uploads').add(upload);
    await tx.objectStore('tokens').delete(upload.id);
    await tx.done;
    return !exists;
  } catch (error) {
    throw toStorageError(error);
  }
}

/** Drops log entries of days before `firstKept` (the history retention applies to the log too). */
export async function purgeUploadsBefore(firstKept: string): Promise<number> {
  const db = await openStore();
  const tx = db.transaction('uploads', 'readwrite');
  let removed = 0;
  let cursor = await tx.store.index('by-day').openCursor(IDBKeyRange.upperBound(firstKept, true));
  while (cursor) {
    if (cursor.value.state !== 'queued') {
      await cursor.delete();
      removed++;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return removed;
}
