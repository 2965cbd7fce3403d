/**
 * The insider attacks of issue 12, played against the real API: a small team, the re-join insider
 * (delete account → join again → ask again), several accounts of one person isolating a
 * colleague, and k counted on people rather than tokens. Also: a signed-in request writes nothing
 * identified unless the day changed.
 */
import { describe, expect, it } from 'vitest';
import { addDays, daysOfIsoWeek } from '../../src/core/calendar';
import { METRICS } from '../../src/core/aggregates';
import { BACKENDS } from '../testing/db';
import { newSubject, useApi, type Harness } from '../testing/harness';
import { getTokens, upload, type Values } from '../testing/privacy-pass';
import { DEFAULT_NOISE_SCALES } from './noise';

const WEEK = '2026-W47';
const DAYS = daysOfIsoWeek(WEEK) as string[];
const ISSUE_AT = new Date('2026-11-16T08:00:00Z');
const PUBLISH_AT = new Date('2026-11-30T10:00:00Z');
const uploadTime = (day: string) => new Date(`${addDays(day, 1)}T10:00:00Z`);

async function makeTeam(h: Harness, owner: string, members: string[]): Promise<{ id: string; inviteCode: string }> {
  const created = await h.as(owner, 'POST', '/api/teams', { name: 'Insiders' });
  expect(created.statusCode).toBe(201);
  const { id, inviteCode } = created.json();
  for (const m of members) expect((await h.as(m, 'POST', '/api/teams/join', { inviteCode })).statusCode).toBe(200);
  return { id, inviteCode };
}

describe.each(BACKENDS)('thresholds on people (%s)', (backend) => {
  const h = useApi(backend);

  it('a team of fewer than 5 members gets no tokens, and a day with fewer than 5 token holders takes no uploads', async () => {
    h.setNow(ISSUE_AT);
    const people = Array.from({ length: 5 }, () => newSubject('small'));
    const { id, inviteCode } = await makeTeam(h, people[0], people.slice(1, 4)); // 4 members
    for (const p of people.slice(0, 4)) {
      const got = await getTokens(h, p, [{ team: id, day: DAYS[1] }]);
      expect(got.issued).toEqual([]);
      expect(got.refused).toEqual([{ team: id, day: DAYS[1], error: 'team-too-small' }]);
    }
    expect(await h.testDb.db.query('SELECT * FROM issuance_counts WHERE team_id = $1', [id])).toEqual([]);
    // The fifth joins: now tokens are issued, but only four take theirs for Tuesday.
    expect((await h.as(people[4], 'POST', '/api/teams/join', { inviteCode })).statusCode).toBe(200);
    const tokens = [];
    for (const p of people.slice(0, 4)) tokens.push((await getTokens(h, p, [{ team: id, day: DAYS[1] }])).tokens.get(`${id}|${DAYS[1]}`)!);
    h.setNow(uploadTime(DAYS[1]));
    for (const token of tokens) {
      const response = await upload(h, { token, team: id, day: DAYS[1], activeMinutes: 5, reps: 5, movementPoints: 5 });
      expect(response.statusCode).toBe(422);
      expect(response.json().error).toBe('team-too-small');
    }
    expect(await h.testDb.db.query('SELECT * FROM aggregate_sums WHERE team_id = $1', [id])).toEqual([]);
  });

  it('the re-join insider: deleting the account and joining again never yields a second token for a (team, day)', async () => {
    h.setNow(ISSUE_AT);
    const insider = newSubject('insider');
    const others = Array.from({ length: 4 }, () => newSubject('colleague'));
    const { id, inviteCode } = await makeTeam(h, others[0], [...others.slice(1), insider]);
    const first = await getTokens(h, insider, [{ team: id, day: DAYS[2] }]);
    expect(first.tokens.size).toBe(1);
    for (let round = 0; round < 4; round++) {
      expect((await h.as(insider, 'DELETE', '/api/me')).json().deleted).toBe(true);
      expect((await h.as(insider, 'POST', '/api/teams/join', { inviteCode })).statusCode).toBe(200);
      const again = await getTokens(h, insider, [{ team: id, day: DAYS[2] }]);
      expect(again.issued).toEqual([]);
      expect(again.refused).toEqual([{ team: id, day: DAYS[2], error: 'already-issued' }]);
    }
    // The quota row is keyed on issuer + subject, not on the (deleted) account row.
    const counts = await h.testDb.db.query<{ people: number }>('SELECT people FROM issuance_counts WHERE team_id = $1 AND day = $2::date', [id, DAYS[2]]);
    expect(counts).toEqual([{ people: 1 }]);
    // A day not yet asked for is still available to the re-joined account.
    expect((await getTokens(h, insider, [{ team: id, day: DAYS[3] }])).tokens.size).toBe(1);
  });

  it('publication needs k distinct people behind the sums, not k contributions', async () => {
    h.setNow(ISSUE_AT);
    const people = Array.from({ length: 5 }, () => newSubject('k'));
    const { id } = await makeTeam(h, people[0], people.slice(1));
    // Sums that claim 5 contributors where only 3 people ever received a token (defence in depth:
    // the ingest refuses such uploads already).
    await h.testDb.db.query(`INSERT INTO issuance_counts (team_id, day, people) VALUES ($1, $2::date, 3)`, [id, DAYS[0]]);
    await h.testDb.db.query(`INSERT INTO aggregate_sums (team_id, day, contributors, active_minutes, reps, movement_points) VALUES ($1, $2::date, 5, 50, 50, 50)`, [id, DAYS[0]]);
    h.setNow(PUBLISH_AT);
    const view = (await h.as(people[0], 'GET', `/api/teams/${id}/totals?week=${WEEK}`)).json();
    expect(view.days[0]).toMatchObject({ published: false, totals: null });
    await h.testDb.db.query('UPDATE issuance_counts SET people = 5 WHERE team_id = $1', [id]);
    expect((await h.as(people[0], 'GET', `/api/teams/${id}/totals?week=${WEEK}`)).json().days[0]).toMatchObject({ published: true, contributors: 5 });
  });

  it('a signed-in request writes nothing identified unless the last-seen day changes', async () => {
    const subject = newSubject('seen');
    h.setNow(ISSUE_AT);
    await makeTeam(h, subject, []);
    const version = async () => (await h.testDb.db.query<{ xmin: string; last_seen_on: string }>(
      'SELECT xmin::text AS xmin, last_seen_on::text AS last_seen_on FROM people WHERE subject = $1', [subject]))[0];
    const before = await version();
    for (let i = 0; i < 3; i++) expect((await h.as(subject, 'GET', '/api/me')).statusCode).toBe(200);
    expect(await version()).toEqual(before);
    h.setNow(new Date('2026-11-17T08:00:00Z'));
    expect((await h.as(subject, 'GET', '/api/me')).statusCode).toBe(200);
    const next = await version();
    expect(next.last_seen_on).toBe('2026-11-17');
    expect(next.xmin).not.toBe(before.xmin);
  });
});

// The isolation attack runs against a server with the default (production) noise.
describe.each(BACKENDS)('several accounts against the default noise (%s)', (backend) => {
  const h = useApi(backend, { aggregates: { masterSecret: new Uint8Array(32).fill(3), noise: DEFAULT_NOISE_SCALES } });

  it('several accounts of one insider cannot isolate a colleague: the published day minus the insider’s own values is not the colleague’s', async () => {
    // Worst case for the threshold: 4 accounts of the insider + 1 victim = 5 "people".
    h.setNow(ISSUE_AT);
    const accounts = Array.from({ length: 4 }, () => newSubject('sock'));
    const victim = newSubject('victim');
    const { id } = await makeTeam(h, accounts[0], [...accounts.slice(1), victim]);
    const wanted = DAYS.map((day) => ({ team: id, day }));
    const held = [];
    for (const subject of [...accounts, victim]) held.push((await getTokens(h, subject, wanted)).tokens);
    const known: Values = { activeMinutes: 3, reps: 7, movementPoints: 50 };
    const secret = (i: number): Values => ({ activeMinutes: 11 + i, reps: 23 + 3 * i, movementPoints: 310 + 17 * i });
    for (let i = 0; i < DAYS.length; i++) {
      h.setNow(uploadTime(DAYS[i]));
      for (let a = 0; a < accounts.length; a++) {
        expect((await upload(h, { token: held[a].get(`${id}|${DAYS[i]}`), team: id, day: DAYS[i], ...known })).statusCode).toBe(200);
      }
      expect((await upload(h, { token: held[4].get(`${id}|${DAYS[i]}`), team: id, day: DAYS[i], ...secret(i) })).statusCode).toBe(200);
    }
    h.setNow(PUBLISH_AT);
    const view = (await h.as(victim, 'GET', `/api/teams/${id}/totals?week=${WEEK}`)).json();
    expect(view.noise).toBe(true);
    let exact = 0;
    for (let i = 0; i < DAYS.length; i++) {
      expect(view.days[i].published).toBe(true);
      for (const m of METRICS) if (view.days[i].totals[m] - 4 * known[m] === secret(i)[m]) exact++;
    }
    // Without noise all 21 would be exact. With the default scales an exact hit has probability
    // ≈ 0.04 (minutes), 0.003 (reps), 0.0003 (points) per day: ≥ 6 of 21 is below 1e-5.
    expect(exact).toBeLessThan(6);
  });

});
