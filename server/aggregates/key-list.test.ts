/** The published key list is derived once per (team, day) and served from one cached body. */
import { describe, expect, it } from 'vitest';
import { addDays, utcDay } from '../../src/core/calendar';
import { ISSUE_DAYS, UPLOAD_WINDOW_DAYS } from '../../src/core/aggregates';
import type { KeyList } from '../../src/core/api/aggregates';
import { createKeyRing } from './keys';
import { randomId } from '../db/ids';
import { openTestDb } from '../testing/db';
import { HOOK_TIMEOUT_MS } from '../testing/harness';
import { createKeyList } from './key-list';

const WINDOW = UPLOAD_WINDOW_DAYS + ISSUE_DAYS;

describe('key list cache', () => {
  it('derives each (team, day) key once, re-derives only what a new team or a new day adds, and matches the key ring', async () => {
    const testDb = await openTestDb('pglite');
    try {
      const db = testDb.db;
      const addTeams = async (n: number) => {
        for (let i = 0; i < n; i++) await db.query('INSERT INTO teams (id, name, invite_code, created_on) VALUES ($1, $2, $3, $4)', [randomId(), `t${i}`, randomId(), '2026-11-01']);
      };
      await addTeams(20);
      let now = new Date('2026-11-20T12:00:00Z');
      const ring = createKeyRing(new Uint8Array(32).fill(3));
      const list = createKeyList(db, ring, () => now);

      const first = JSON.parse(await list.body()) as KeyList;
      expect(first.keys).toHaveLength(20 * WINDOW);
      expect(first.from).toBe(addDays('2026-11-20', -UPLOAD_WINDOW_DAYS));
      // Tomorrow's new day is derived in the background after the first build.
      await list.warmed();
      const afterFirst = list.derivations;
      expect(afterFirst).toBeGreaterThanOrEqual(20 * WINDOW);
      expect(afterFirst).toBeLessThanOrEqual(20 * (WINDOW + 1));

      // Same day, same teams: the same body, nothing derived.
      const again = await list.body();
      expect(JSON.parse(again)).toEqual(first);
      expect(list.derivations).toBe(afterFirst);

      // The published keys are the ones the issuer uses.
      for (const entry of first.keys.slice(0, 5)) {
        const key = ring.key(entry.team, entry.day);
        expect(entry.publicKey).toBe(Buffer.from(key.publicKey).toString('base64url'));
        expect(entry.keyId).toBe(Buffer.from(key.keyId).toString('base64url'));
      }

      // A new team: only its keys are derived.
      await addTeams(1);
      expect(JSON.parse(await list.body()).keys).toHaveLength(21 * WINDOW);
      expect(list.derivations - afterFirst).toBeLessThanOrEqual(WINDOW + 1);

      // The next day: at most one new key per team (already warmed in the background for the old ones).
      await list.warmed();
      const beforeNextDay = list.derivations;
      now = new Date('2026-11-21T00:30:00Z');
      const next = JSON.parse(await list.body()) as typeof first;
      expect(next.from).toBe(addDays(utcDay(now), -UPLOAD_WINDOW_DAYS));
      expect(next.keys).toHaveLength(21 * WINDOW);
      expect(list.derivations - beforeNextDay).toBeLessThanOrEqual(21);
    } finally {
      await testDb.dispose();
    }
  }, HOOK_TIMEOUT_MS);
});
