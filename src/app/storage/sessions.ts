/**
 * Sessions and personal bests. Daily totals are derived from sessions (one indexed read), so they can never drift.
 * Only breaks are read back (core/play/break.ts): sessions stored by earlier versions that do not meet today's
 * rule (a 0-rep run, a few seconds) stay in the store and the export, but never reach History, streaks,
 * bests or uploads.
 */
import type { GameId } from '../../core/games';
import { sumDaily, type DailyTotal } from '../../core/metrics';
import { breaksOnly } from '../../core/play';
import { beatsBest, bestOf, checkedBests, correctBreak, type CorrectionInput, type CorrectionResult } from '../../core/play/correction';
import { openStore, toStorageError, type PersonalBest, type StoredSession } from './db';

export interface SaveResult {
  /** The best before this session, for "new personal best" and the comparison. */
  previousBest: PersonalBest | null;
  isNewBest: boolean;
}

const bestFrom = (session: StoredSession): PersonalBest => ({
  game: session.game,
  reps: session.reps,
  movementPoints: session.movementPoints,
  sessionId: session.id,
  date: session.date,
});

/** Stores a session and updates the game's personal best in one transaction (both or neither). */
export async function saveSession(session: StoredSession): Promise<SaveResult> {
  try {
    const db = await openStore();
    const tx = db.transaction(['sessions', 'bests'], 'readwrite');
    const previous = await tx.objectStore('bests').get(session.game);
    await tx.objectStore('sessions').put(session);
    const isNewBest = beatsBest(session, previous);
    if (isNewBest) await tx.objectStore('bests').put(bestFrom(session));
    await tx.done;
    return { previousBest: previous ?? null, isNewBest };
  } catch (error) {
    throw toStorageError(error);
  }
}

/** Sessions with from ≤ date ≤ to (YYYY-MM-DD) that are breaks by today's rule, oldest first. */
export async function sessionsBetween(from: string, to: string): Promise<StoredSession[]> {
  try {
    const db = await openStore();
    return breaksOnly(await db.getAllFromIndex('sessions', 'by-date', IDBKeyRange.bound(from, to)));
  } catch (error) {
    throw toStorageError(error);
  }
}

export async function dailyTotals(from: string, to: string): Promise<DailyTotal[]> {
  return sumDaily(await sessionsBetween(from, to));
}

/** The game's best among stored breaks (a best whose break is gone or changed is found again); the earliest wins a tie. */
function bestAmong(sessions: StoredSession[], game: GameId): PersonalBest | null {
  const best = bestOf(breaksOnly(sessions.filter((s) => s.game === game)).sort((a, b) => a.startedAt - b.startedAt));
  return best && bestFrom(best);
}

/**
 * The stored bests, each checked against its break: a best whose break is still stored but is no
 * break by today's rule (kept by an earlier version) gives way to the best stored break.
 */
export async function personalBests(): Promise<Map<GameId, PersonalBest>> {
  try {
    const db = await openStore();
    const [bests, sessions] = await Promise.all([db.getAll('bests'), db.getAll('sessions')]);
    return checkedBests(bests, sessions, bestFrom);
  } catch (error) {
    throw toStorageError(error);
  }
}

export type ChangeResult = { ok: true; session: StoredSession | null } | { ok: false; problem: Extract<CorrectionResult<StoredSession>, { ok: false }> } | { ok: false; problem: 'not-found' };

/**
 * Corrects (input) or deletes (null) a break, and its game's personal best with it, in one
 * transaction: the best follows the corrected break up, and when the best itself was lowered or
 * deleted it is found again among the stored breaks.
 */
export async function changeSession(id: string, input: CorrectionInput | null, now = Date.now()): Promise<ChangeResult> {
  try {
    const db = await openStore();
    const tx = db.transaction(['sessions', 'bests'], 'readwrite');
    const sessions = tx.objectStore('sessions');
    const old = await sessions.get(id);
    if (!old) {
      await tx.done;
      return { ok: false, problem: 'not-found' };
    }
    let next: StoredSession | null = null;
    if (input) {
      const result = correctBreak(old, input, now);
      if (!result.ok) {
        await tx.done;
        return { ok: false, problem: result };
      }
      next = result.record;
      await sessions.put(next);
    } else {
      await sessions.delete(id);
    }
    const bests = tx.objectStore('bests');
    const best = await bests.get(old.game);
    if (best?.sessionId === id) {
      const found = bestAmong(await sessions.getAll(), old.game);
      if (found) await bests.put(found);
      else await bests.delete(old.game);
    } else if (next && beatsBest(next, best)) {
      await bests.put(bestFrom(next));
    }
    await tx.done;
    return { ok: true, session: next };
  } catch (error) {
    throw toStorageError(error);
  }
}
