/**
 * The published key list (GET /api/token-keys), cheap to serve: every (team, day) public key is
 * derived once (an EC multiplication, ~2–4 ms here) and kept while its day is in the window; the
 * serialized body is kept until the day or the set of teams changes, so a request costs one
 * `SELECT id FROM teams` and a hash. Derivation yields to the event loop between keys, so a new
 * day (one key per team) or a cold start never blocks other requests, and the day that enters the
 * window tomorrow is derived in the background today.
 */
import { createHash } from 'node:crypto';
import { ISSUE_DAYS, TOKEN_ISSUER_NAME, TOKEN_TYPE, UPLOAD_WINDOW_DAYS } from '../../src/core/aggregates';
import { addDays, utcDay } from '../../src/core/calendar';
import type { KeyList as KeyListBody, KeyListEntry } from '../../src/core/api/aggregates';
import type { Clock } from '../clock';
import type { Queryable } from '../db/connect';
import type { KeyRing } from './keys';
import { teamIds } from './repository';

export interface KeyList {
  /** The JSON body for today (a string, serialized once). */
  body(): Promise<string>;
  /** Keys derived since start (tests check that a second request derives none). */
  readonly derivations: number;
  /** Resolves when tomorrow's keys, derived in the background, are done (tests wait on it, not on a timer). */
  warmed(): Promise<void>;
}

/** Keys derived before yielding to the event loop. */
const BATCH = 8;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createKeyList(db: Queryable, keys: KeyRing, clock: Clock): KeyList {
  const entries = new Map<string, { keyId: string; publicKey: string }>();
  let derivations = 0;
  let cached: { fingerprint: string; body: string } | null = null;
  let building: { fingerprint: string; promise: Promise<string> } | null = null;
  let warming: Promise<void> | null = null;

  async function derive(pairs: Array<[string, string]>): Promise<void> {
    let n = 0;
    for (const [team, day] of pairs) {
      const id = `${team}|${day}`;
      if (entries.has(id)) continue;
      const key = keys.publicKey(team, day);
      entries.set(id, { keyId: Buffer.from(key.keyId).toString('base64url'), publicKey: Buffer.from(key.publicKey).toString('base64url') });
      derivations += 1;
      if (++n % BATCH === 0) await tick();
    }
  }

  async function build(today: string, teams: string[], days: string[]): Promise<string> {
    await derive(teams.flatMap((team) => days.map((day): [string, string] => [team, day])));
    // Days that left the window are forgotten.
    for (const id of entries.keys()) {
      const day = id.slice(id.indexOf('|') + 1);
      if (day < days[0]) entries.delete(id);
    }
    const list: KeyListEntry[] = [];
    for (const team of teams) {
      for (const day of days) {
        const entry = entries.get(`${team}|${day}`);
        if (entry) list.push({ team, day, ...entry });
      }
    }
    const body = JSON.stringify({ issuerName: TOKEN_ISSUER_NAME, tokenType: TOKEN_TYPE, from: days[0], to: days[days.length - 1], keys: list } satisfies KeyListBody);
    // Tomorrow's new day, ahead of time, in the background.
    const tomorrow = addDays(today, ISSUE_DAYS);
    warming ??= derive(teams.map((team): [string, string] => [team, tomorrow]))
      .catch(() => undefined)
      .finally(() => {
        warming = null;
      });
    return body;
  }

  return {
    get derivations() {
      return derivations;
    },
    warmed: () => warming ?? Promise.resolve(),
    async body() {
      const today = utcDay(clock());
      const teams = await teamIds(db);
      const fingerprint = createHash('sha256').update(today).update('\n').update(teams.join('\n')).digest('base64url');
      if (cached?.fingerprint === fingerprint) return cached.body;
      let current = building;
      if (current?.fingerprint !== fingerprint) {
        const days = Array.from({ length: UPLOAD_WINDOW_DAYS + ISSUE_DAYS }, (_, i) => addDays(today, i - UPLOAD_WINDOW_DAYS));
        const promise = build(today, teams, days).then((body) => {
          cached = { fingerprint, body };
          return body;
        });
        current = building = { fingerprint, promise };
        promise.finally(() => {
          if (building?.promise === promise) building = null;
        }).catch(() => undefined);
      }
      return current.promise;
    },
  };
}
