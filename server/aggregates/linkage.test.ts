/**
 * The database-order attack of issue 12, played on real PostgreSQL over several simulated days.
 * The attacker holds the database: every identified write (the token issuance, with its person)
 * and every upload (its spent nonce) carries the transaction id that wrote it (xmin; the WAL,
 * ctid order and old row versions give the same order). For each upload it guesses the person
 * whose identified write is nearest before it in that order.
 *  - "same tick" (the old client: token refresh and uploads together at the morning's first open)
 *    is linked almost always: the test shows the attack has power;
 *  - the client's timing (core/aggregates/timing: uploads at their own random moments, never
 *    within QUIET_MS of an identified request) brings it down to chance.
 * Ground truth: the test knows which token (nonce) each simulated person held.
 */
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/calendar';
import { ISSUE_DAYS } from '../../src/core/aggregates';
import { QUIET_MS } from '../../src/core/aggregates/timing';
import { BACKENDS, type Backend } from '../testing/db';
import { newSubject, useApi, type Harness } from '../testing/harness';
import { getTokens, upload } from '../testing/privacy-pass';

const PEOPLE = 12;
const DAYS = 3;
const HOUR = 3_600_000;

type Event = { at: number; person: number; kind: 'identified' | 'upload'; day?: string };

/** The hour range of a working day in which the app is open, as epoch ms of `day`. */
const workday = (day: string) => ({ from: Date.parse(`${day}T08:00:00Z`), to: Date.parse(`${day}T18:00:00Z`) });
const uniform = (from: number, to: number) => from + randomInt(to - from);

function schedule(kind: 'same-tick' | 'client', firstDay: string): Event[] {
  const events: Event[] = [];
  for (let d = 1; d <= DAYS; d++) {
    const day = addDays(firstDay, d);
    const { from, to } = workday(day);
    for (let p = 0; p < PEOPLE; p++) {
      const identified = uniform(from, to);
      events.push({ at: identified, person: p, kind: 'identified' });
      let sendAt: number;
      if (kind === 'same-tick') sendAt = identified + 1000;
      else {
        do sendAt = uniform(from, to);
        while (Math.abs(sendAt - identified) < QUIET_MS);
      }
      events.push({ at: sendAt, person: p, kind: 'upload', day: addDays(day, -1) });
    }
  }
  return events.sort((a, b) => a.at - b.at);
}

async function makeTeam(h: Harness, people: string[]): Promise<string> {
  const created = await h.as(people[0], 'POST', '/api/teams', { name: 'Linkage' });
  const { id, inviteCode } = created.json();
  for (const p of people.slice(1)) expect((await h.as(p, 'POST', '/api/teams/join', { inviteCode })).statusCode).toBe(200);
  return id;
}

/** Runs the simulation; returns the attacker's hit rate. */
async function attack(h: Harness, kind: 'same-tick' | 'client', firstDay: string): Promise<{ hits: number; uploads: number }> {
  h.setNow(new Date(`${firstDay}T07:00:00Z`));
  const people = Array.from({ length: PEOPLE }, () => newSubject(kind));
  const team = await makeTeam(h, people);
  const personIds = new Map<string, number>();
  const tokens: Map<string, string>[] = people.map(() => new Map());
  // Day 0: everybody fetches the tokens of the days simulated, at one moment each.
  for (let p = 0; p < PEOPLE; p++) {
    h.setNow(new Date(Date.parse(`${firstDay}T07:00:00Z`) + p * 60_000));
    const got = await getTokens(h, people[p], Array.from({ length: DAYS }, (_, i) => ({ team, day: addDays(firstDay, i) })));
    for (const [k, v] of got.tokens) tokens[p].set(k, v);
  }
  const ids = await h.testDb.db.query<{ id: string; subject: string }>('SELECT id, subject FROM people WHERE subject = ANY($1::text[])', [people]);
  for (const r of ids) personIds.set(r.id, people.indexOf(r.subject));
  const nonceOwner = new Map<string, number>();
  for (const event of schedule(kind, firstDay)) {
    h.setNow(new Date(event.at));
    if (event.kind === 'identified') {
      // The signed-in refresh: a look at the teams, then the one new day's token.
      expect((await h.as(people[event.person], 'GET', '/api/me')).statusCode).toBe(200);
      const today = new Date(event.at).toISOString().slice(0, 10);
      const got = await getTokens(h, people[event.person], [{ team, day: addDays(today, ISSUE_DAYS - 1) }]);
      for (const [k, v] of got.tokens) tokens[event.person].set(k, v);
    } else {
      const token = tokens[event.person].get(`${team}|${event.day}`)!;
      nonceOwner.set(Buffer.from(token, 'base64url').subarray(2, 34).toString('hex'), event.person);
      const response = await upload(h, { token, team, day: event.day, activeMinutes: 10 + event.person, reps: 20, movementPoints: 300 });
      expect(response.json()).toEqual({ counted: true, duplicate: false });
    }
  }
  // The attacker's view: transaction ids of identified writes and of spent nonces.
  const identified = (await h.testDb.db.query<{ person_id: string; xid: string }>(
    `SELECT person_id, xmin::text AS xid FROM token_issuance WHERE team_id = $1`, [team],
  )).map((r) => ({ xid: Number(r.xid), person: personIds.get(r.person_id)! })).sort((a, b) => a.xid - b.xid);
  const spent = await h.testDb.db.query<{ nonce: string; xid: string }>(`SELECT encode(nonce, 'hex') AS nonce, xmin::text AS xid FROM spent_tokens`);
  let hits = 0;
  let uploads = 0;
  for (const s of spent) {
    const owner = nonceOwner.get(s.nonce);
    if (owner === undefined) continue;
    uploads++;
    const xid = Number(s.xid);
    let guess = -1;
    for (const w of identified) if (w.xid < xid) guess = w.person;
    if (guess === owner) hits++;
  }
  return { hits, uploads };
}

// Real PostgreSQL; where the PostgreSQL tests are switched off, PGlite (the same engine, same xmin).
const BACKEND: Backend = BACKENDS.includes('postgres') ? 'postgres' : 'pglite';

describe(`database-order linkage over several simulated days (${BACKEND})`, () => {
  const h = useApi(BACKEND);

  it('links the old same-tick client (the attack works) and stays at chance against the client timing', async () => {
    const naive = await attack(h, 'same-tick', '2026-11-02');
    const ours = await attack(h, 'client', '2026-11-16');
    expect(naive.uploads).toBe(PEOPLE * DAYS);
    expect(ours.uploads).toBe(PEOPLE * DAYS);
    // Same tick: the identified write right before an upload is its sender's.
    expect(naive.hits / naive.uploads).toBeGreaterThan(0.9);
    // Client timing: chance is 1/12 (3 of 36); ≥ 12 of 36 would be p ≈ 1e-4 under chance.
    console.log(`linkage: same tick ${naive.hits}/${naive.uploads}, client timing ${ours.hits}/${ours.uploads} (chance ${(1 / PEOPLE).toFixed(3)})`);
    expect(ours.hits).toBeLessThan(12);
  }, 600_000);
});
