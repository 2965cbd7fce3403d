/**
 * Token bookkeeping is kept only while it has a purpose: an issuance row (person, team, day)
 * (and its keyed per-person marker) only guards the quota until the day begins (no token for a past day is issued), and a spent
 * nonce only blocks replays while its day is still accepted for upload.
 */
import { UPLOAD_WINDOW_DAYS } from '../../src/core/aggregates';
import { addDays } from '../../src/core/calendar';
import type { Queryable } from '../db/connect';

export async function purgeTokenRecords(q: Queryable, today: string): Promise<{ issuance: number; spent: number }> {
  const issuance = await q.query('DELETE FROM token_issuance WHERE day < $1::date RETURNING day', [today]);
  // The per-person markers guard the quota only while tokens for their day can still be issued.
  await q.query('DELETE FROM issuance_markers WHERE day < $1::date', [today]);
  const spent = await q.query('DELETE FROM spent_tokens WHERE day < $1::date RETURNING day', [addDays(today, -UPLOAD_WINDOW_DAYS)]);
  return { issuance: issuance.length, spent: spent.length };
}
