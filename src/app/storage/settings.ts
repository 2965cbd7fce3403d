/** Small user settings, kept in the same database as the history (so export/erase cover them). */
import { openStore, toStorageError } from './db';

export async function getSetting<T>(key: string, fallback: T): Promise<T> {
  try {
    const db = await openStore();
    const value = await db.get('settings', key);
    return value === undefined ? fallback : (value as T);
  } catch {
    return fallback; // a setting that cannot be read falls back to its default; nothing breaks
  }
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  try {
    const db = await openStore();
    await db.put('settings', value, key);
  } catch (error) {
    throw toStorageError(error);
  }
}
