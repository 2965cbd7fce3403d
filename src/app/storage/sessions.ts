/** Sessions and personal bests. Daily totals are derived from sessions (one indexed read), so they can never drift. */
import type { GameId } from '../../core/games';
import { sumDaily, type DailyTotal } from '../../core/metrics';
import { openStore, toStorageError, type PersonalBest, type StoredSession } from './db';

export interface SaveResult {
  /** The best before this session, for "new personal best" and the comparison. */
  previousBest: PersonalBest | null;
  isNewBest: boolean;
}

/**
 * Better = more reps (reach: targets hit; side-bend: stretches held to the end), then more movement
 * points. A first best needs at least one of them: movement points alone are no achievement.
 */
function beats(session: StoredSession, best: PersonalBest | undefined): boolean {
  if (!best) return session.reps > 0;
  return session.reps > best.reps || (session.reps === best.reps && session.movementPoints > best.movementPoints);
}

/** Stores a session and updates the game's personal best in one transaction (both or neither). */
export async function saveSession(session: StoredSession): Promise<SaveResult> {
  try {
    const db = await openStore();
    const tx = db.transaction(['sessions', 'bests'], 'readwrite');
    const previous = await tx.objectStore('bests').get(session.game);
    await tx.objectStore('sessions').put(session);
    const isNewBest = beats(session, previous);
    if (isNewBest) {
      await tx.objectStore('bests').put({
        game: session.game,
        reps: session.reps,
        movementPoints: session.movementPoints,
        sessionId: session.id,
        date: session.date,
      });
    }
    await tx.done;
    return { previousBest: previous ?? null, isNewBest };
  } catch (error) {
    throw toStorageError(error);
  }
}

/** Sessions with from ≤ date ≤ to (YYYY-MM-DD), oldest first. */
export async function sessionsBetween(from: string, to: string): Promise<StoredSession[]> {
  try {
    const db = await openStore();
    return await db.getAllFromIndex('sessions', 'by-date', IDBKeyRange.bound(from, to));
  } catch (error) {
    throw toStorageError(error);
  }
}

export async function dailyTotals(from: string, to: string): Promise<DailyTotal[]> {
  return sumDaily(await sessionsBetween(from, to));
}

export async function personalBests(): Promise<Map<GameId, PersonalBest>> {
  try {
    const db = await openStore();
    return new Map((await db.getAll('bests')).map((best) => [best.game, best]));
  } catch (error) {
    throw toStorageError(error);
  }
}
