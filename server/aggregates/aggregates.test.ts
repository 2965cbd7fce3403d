import { describe, expect, it } from 'vitest';
import { addDays, daysOfIsoWeek } from '../../src/core/calendar';
import { contributionBody } from '../../src/core/aggregates/upload-body';
import { BACKENDS } from '../testing/db';
import { newSubject, useApi, type Harness } from '../testing/harness';
import { getTokens, upload, type Values } from '../testing/privacy-pass';
import { DEFAULT_NOISE_SCALES } from './noise';
import { purgeTokenRecords } from './retention';

const WEEK = '2026-W47';
const DAYS = daysOfIsoWeek(WEEK) as string[]; // 2026-11-16 (Mon) .. 2026-11-22 (Sun)
const ISSUE_AT = new Date('2026-11-16T08:00:00Z');
/** Uploads for a day are accepted from the next day on, for UPLOAD_WINDOW_DAYS days. */
const uploadTime = (day: string) => new Date(`${addDays(day, 1)}T10:00:00Z`);
/** The Monday after the week: Monday to Thursday are closed, Friday to Sunday still take uploads. */
const UPLOAD_AT = new Date('2026-11-23T10:00:00Z');
/** Every day of the week is closed for uploads (the last one, Sunday + UPLOAD_WINDOW_DAYS, has passed). */
const PUBLISH_AT = new Date('2026-11-30T10:00:00Z');

/** A team of the owner plus four fresh members: the smallest that gets tokens (k = 5). */
const fillers = new Map<string, string[]>();
async function smallestTeam(h: Harness, owner: string, name: string): Promise<string> {
  const members = Array.from({ length: 4 }, () => newSubject('filler'));
  const id = await team(h, owner, members, name);
  fillers.set(id, members);
  return id;
}

/** The four other members take their tokens for `day` too, so k = 5 people hold one. */
async function othersTakeTokens(h: Harness, id: string, day: string): Promise<void> {
  for (const m of fillers.get(id)!) expect((await getTokens(h, m, [{ team: id, day }])).tokens.size).toBe(1);
}

async function team(h: Harness, owner: string, members: string[], name: string): Promise<string> {
  const created = await h.as(owner, 'POST', '/api/teams', { name });
  expect(created.statusCode).toBe(201);
  const { id, inviteCode } = created.json();
  for (const m of members) expect((await h.as(m, 'POST', '/api/teams/join', { inviteCode })).statusCode).toBe(200);
  return id;
}

function valuesFor(user: number, dayIndex: number): Values {
  return { activeMinutes: 10 + user + dayIndex, reps: 20 * (user + 1), movementPoints: 100 + 7 * dayIndex };
}

async function sums(h: Harness, teamId: string) {
  return h.testDb.db.query<{ day: string; contributors: number; active_minutes: string; reps: string; movement_points: string }>(
    'SELECT day::text AS day, contributors, active_minutes::text AS active_minutes, reps::text AS reps, movement_points::text AS movement_points FROM aggregate_sums WHERE team_id = $1 ORDER BY day',
    [teamId],
  );
}

describe.each(BACKENDS)('unlinkable aggregates (%s)', (backend) => {
  const h = useApi(backend);
  const users = Array.from({ length: 10 }, () => newSubject('agg'));
  let teamA = '';
  let teamB = '';
  const tokens: Map<string, string>[] = [];
  // Team B: Monday 4 uploads (not published), Tuesday 5 (published), Wednesday on 10 (comparable).
  const uploadsB = [4, 5, 10, 10, 10, 10, 10];
  const expected = new Map<string, { contributors: number; sums: Values }>();

  it('full flow: 10 users, 2 teams, a week of issuance and anonymous uploads', async () => {
    h.setNow(ISSUE_AT);
    teamA = await team(h, users[0], users.slice(1), 'Team A');
    teamB = await team(h, users[9], users.slice(0, 9), 'Team B');

    const keys = (await h.app.inject({ method: 'GET', url: '/api/token-keys' })).json();
    expect(keys.tokenType).toBe(1);
    for (const t of [teamA, teamB]) for (const d of DAYS) expect(keys.keys.some((k: { team: string; day: string }) => k.team === t && k.day === d)).toBe(true);
    // One list, the same for everybody: keys are per (team, day), never per person.
    expect(new Set(keys.keys.map((k: { publicKey: string }) => k.publicKey)).size).toBe(keys.keys.length);

    for (const user of users) {
      const got = await getTokens(h, user, [teamA, teamB].flatMap((t) => DAYS.map((day) => ({ team: t, day }))));
      expect(got.refused).toEqual([]);
      expect(got.tokens.size).toBe(14);
      tokens.push(got.tokens);
    }

    for (const [t, plan] of [[teamA, [10, 10, 10, 10, 10, 10, 10]], [teamB, uploadsB]] as const) {
      DAYS.forEach((day, i) => expected.set(`${t}|${day}`, { contributors: 0, sums: { activeMinutes: 0, reps: 0, movementPoints: 0 } }));
      for (let i = 0; i < DAYS.length; i++) {
        h.setNow(uploadTime(DAYS[i]));
        for (let u = 0; u < plan[i]; u++) {
          const values = valuesFor(u, i);
          const response = await upload(h, { token: tokens[u].get(`${t}|${DAYS[i]}`), team: t, day: DAYS[i], ...values });
          expect(response.statusCode, response.body).toBe(200);
          expect(response.json()).toEqual({ counted: true, duplicate: false });
          const e = expected.get(`${t}|${DAYS[i]}`)!;
          e.contributors += 1;
          e.sums.activeMinutes += values.activeMinutes;
          e.sums.reps += values.reps;
          e.sums.movementPoints += values.movementPoints;
        }
      }
    }
    for (const t of [teamA, teamB]) {
      const rows = await sums(h, t);
      expect(rows.map((r) => r.day)).toEqual(DAYS);
      for (const row of rows) {
        const e = expected.get(`${t}|${row.day}`)!;
        expect([row.contributors, Number(row.active_minutes), Number(row.reps), Number(row.movement_points)]).toEqual([
          e.contributors, e.sums.activeMinutes, e.sums.reps, e.sums.movementPoints,
        ]);
      }
    }
    const spent = await h.testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM spent_tokens');
    expect(spent[0].n).toBe(70 + uploadsB.reduce((a, b) => a + b, 0));
  }, 600_000);

  it('publishes nothing about a day while uploads for it are still accepted', async () => {
    h.setNow(uploadTime(DAYS[0]));
    const open = (await h.as(users[0], 'GET', `/api/teams/${teamA}/totals?week=${WEEK}`)).json();
    expect(open.days.map((d: { open: boolean; published: boolean }) => [d.open, d.published])).toEqual(DAYS.map(() => [true, false]));
    expect(open.total.published).toBe(false);
    expect((await h.as(users[0], 'GET', `/api/teams/${teamA}/comparison?week=${WEEK}`)).json().eligible).toBe(false);
    // Monday closes first (Monday + 3 days has passed on Friday); on the next Monday, Friday to Sunday are still open.
    h.setNow(new Date('2026-11-20T10:00:00Z'));
    const monday = (await h.as(users[0], 'GET', `/api/teams/${teamA}/totals?week=${WEEK}`)).json();
    expect(monday.days.map((d: { published: boolean }) => d.published)).toEqual([true, false, false, false, false, false, false]);
    h.setNow(UPLOAD_AT);
    const nextMonday = (await h.as(users[0], 'GET', `/api/teams/${teamA}/totals?week=${WEEK}`)).json();
    expect(nextMonday.days.map((d: { open: boolean; published: boolean }) => [d.open, d.published])).toEqual(DAYS.map((_, i) => (i < 4 ? [false, true] : [true, false])));
    h.setNow(PUBLISH_AT);
  });

  it('publishes day totals only with ≥ 5 contributors, and week totals over published days only', async () => {
    h.setNow(PUBLISH_AT);
    const response = await h.as(users[0], 'GET', `/api/teams/${teamB}/totals?week=${WEEK}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.noise).toBe(false);
    expect(body.days[0]).toEqual({ day: DAYS[0], open: false, published: false, contributors: null, totals: null }); // 4 contributors
    expect(body.days[1]).toEqual({ day: DAYS[1], open: false, published: true, contributors: 5, totals: expected.get(`${teamB}|${DAYS[1]}`)!.sums });
    const week = { activeMinutes: 0, reps: 0, movementPoints: 0 };
    for (const day of DAYS.slice(1)) for (const m of ['activeMinutes', 'reps', 'movementPoints'] as const) week[m] += expected.get(`${teamB}|${day}`)!.sums[m];
    expect(body.total).toEqual({ published: true, daysPublished: 6, contributorDays: 55, maxDailyContributors: 10, totals: week });
    // Members only; the existence of the team is not revealed to others.
    expect((await h.as(newSubject(), 'GET', `/api/teams/${teamB}/totals?week=${WEEK}`)).statusCode).toBe(404);
    expect((await h.as(users[0], 'GET', `/api/teams/${teamB}/totals?week=2026-W99`)).json().error).toBe('invalid-week');
    // A week without any data publishes nothing.
    const empty = (await h.as(users[0], 'GET', `/api/teams/${teamB}/totals?week=2026-W40`)).json();
    expect(empty.total.published).toBe(false);
    expect(empty.days.every((d: { published: boolean }) => !d.published)).toBe(true);
  });

  it('compares averages per contributor-day between teams with ≥ 10 contributors', async () => {
    h.setNow(PUBLISH_AT);
    const body = (await h.as(users[0], 'GET', `/api/teams/${teamA}/comparison?week=${WEEK}`)).json();
    expect(body.eligible).toBe(true);
    const avg = (t: string, days: string[]) => {
      let c = 0;
      let reps = 0;
      for (const d of days) {
        c += expected.get(`${t}|${d}`)!.contributors;
        reps += expected.get(`${t}|${d}`)!.sums.reps;
      }
      return Math.round((reps / c) * 10) / 10;
    };
    expect(body.yourTeam.reps).toBe(avg(teamA, DAYS));
    expect(body.others.teams).toBe(1);
    expect(body.others.averages.reps).toBe(avg(teamB, DAYS.slice(2))); // days with < 10 contributors left out
    expect((await h.as(newSubject(), 'GET', `/api/teams/${teamA}/comparison?week=${WEEK}`)).statusCode).toBe(404);
    // Too few contributors in the asking team: nothing compared.
    const quiet = (await h.as(users[0], 'GET', `/api/teams/${teamA}/comparison?week=2026-W40`)).json();
    expect(quiet).toMatchObject({ eligible: false, yourTeam: null, others: { averages: null } });
  });

  it('the schema cannot link people to statistics (information_schema after the flow)', async () => {
    const columns = await h.testDb.db.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
    );
    const tables = new Map<string, { name: string; type: string }[]>();
    for (const c of columns) tables.set(c.table_name, [...(tables.get(c.table_name) ?? []), { name: c.column_name, type: c.data_type }]);
    expect([...tables.keys()]).toEqual(expect.arrayContaining(['token_issuance', 'spent_tokens', 'aggregate_sums', 'aggregate_noise']));
    const personRef = /^(person_id|member_id|member_no|subject|issuer)$/;
    const statistic = /^(contributors|active_minutes|reps|movement_points|noise)$/;
    for (const [table, cols] of tables) {
      const names = cols.map((c) => c.name);
      const hasPerson = names.some((n) => personRef.test(n));
      const hasStatistic = names.some((n) => statistic.test(n));
      expect(hasPerson && hasStatistic, `${table} links a person to a statistic`).toBe(false);
      if (hasStatistic) {
        expect(cols.filter((c) => /timestamp|time with/.test(c.type)).map((c) => c.name), `${table} has a sub-day time`).toEqual([]);
      }
      expect(names.filter((n) => /(^|_)(ip|addr|address|user_agent|token)($|_)/.test(n)), `${table} has an IP/token column`).toEqual([]);
    }
    // The issuance table: who got a token for which (team, day), nothing else (no token value).
    expect(tables.get('token_issuance')!.map((c) => c.name)).toEqual(['person_id', 'team_id', 'day']);
    expect(tables.get('spent_tokens')!.map((c) => c.name)).toEqual(['nonce', 'day']);
    const issued = await h.testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM token_issuance');
    expect(issued[0].n).toBe(140);
  });

  it('the server never sees the unblinded token at issuance: requests, responses and stored rows share no bytes with the token', async () => {
    h.setNow(ISSUE_AT);
    const subject = newSubject();
    const id = await smallestTeam(h, subject, 'Solo');
    const got = await getTokens(h, subject, [{ team: id, day: DAYS[2] }]);
    const token = Buffer.from(got.tokens.get(`${id}|${DAYS[2]}`)!, 'base64url');
    const nonce = token.subarray(2, 34);
    const seen = Buffer.concat([...got.requests, ...got.issued.map((i) => i.response)].map((s) => Buffer.from(s, 'base64url')));
    expect(seen.includes(nonce)).toBe(false);
    expect(seen.includes(token.subarray(98))).toBe(false); // the authenticator
    const dump = JSON.stringify(await h.testDb.db.query('SELECT * FROM token_issuance'));
    expect(dump).not.toContain(nonce.toString('hex'));
    expect(dump).not.toContain(nonce.toString('base64url'));
  });

  it('issuance: members only, the coming 7 days only, at most one token per member, team and day', async () => {
    h.setNow(ISSUE_AT);
    const owner = newSubject();
    const outsider = newSubject();
    const id = await smallestTeam(h, owner, 'Quota');
    const first = await getTokens(h, owner, [{ team: id, day: DAYS[0] }, { team: id, day: DAYS[1] }]);
    expect(first.tokens.size).toBe(2);
    const again = await getTokens(h, owner, [{ team: id, day: DAYS[0] }, { team: id, day: addDays(DAYS[0], 7) }, { team: id, day: addDays(DAYS[0], -1) }]);
    expect(again.issued).toEqual([]);
    expect(again.refused.map((r) => r.error).sort()).toEqual(['already-issued', 'day-out-of-range', 'day-out-of-range']);
    const stranger = await getTokens(h, outsider, [{ team: id, day: DAYS[2] }]);
    expect(stranger.refused).toEqual([{ team: id, day: DAYS[2], error: 'not-a-member' }]);
    const unsigned = await h.app.inject({ method: 'POST', url: '/api/tokens', headers: { 'content-type': 'application/json' }, payload: '{"requests":[]}' });
    expect(unsigned.statusCode).toBe(401);
  });

  // Each case sets up two 5-member teams with their tokens first: slow on a busy machine.
  describe('rejected uploads count nothing', { timeout: 180_000 }, () => {
    async function freshToken(dayIndex: number) {
      h.setNow(ISSUE_AT);
      const subject = newSubject();
      const id = await smallestTeam(h, subject, 'Rejects');
      const other = await smallestTeam(h, subject, 'Other');
      const got = await getTokens(h, subject, [{ team: id, day: DAYS[dayIndex] }]);
      await othersTakeTokens(h, id, DAYS[dayIndex]);
      await othersTakeTokens(h, other, DAYS[dayIndex]);
      h.setNow(uploadTime(DAYS[dayIndex]));
      return { id, other, token: got.tokens.get(`${id}|${DAYS[dayIndex]}`)! };
    }
    const values = { activeMinutes: 30, reps: 40, movementPoints: 500 };
    async function expectNothingCounted(id: string, other?: string) {
      expect(await sums(h, id)).toEqual([]);
      if (other) expect(await sums(h, other)).toEqual([]);
    }
    async function expectError(response: Awaited<ReturnType<typeof upload>>, status: number, error: string) {
      expect(response.statusCode, response.body).toBe(status);
      const body = response.json();
      expect(body.error).toBe(error);
      expect(typeof body.message).toBe('string');
    }

    it('a forged token', async () => {
      const { id, token } = await freshToken(3);
      const bytes = Buffer.from(token, 'base64url');
      bytes[bytes.length - 1] ^= 1;
      await expectError(await upload(h, { token: bytes.toString('base64url'), team: id, day: DAYS[3], ...values }), 403, 'invalid-token');
      // The right type and length, made-up contents.
      const madeUp = Buffer.concat([Buffer.from([0, 1]), Buffer.alloc(144, 7)]).toString('base64url');
      await expectError(await upload(h, { token: madeUp, team: id, day: DAYS[3], ...values }), 403, 'invalid-token');
      // Another token type.
      const otherType = Buffer.alloc(146, 7).toString('base64url');
      await expectError(await upload(h, { token: otherType, team: id, day: DAYS[3], ...values }), 400, 'malformed-token');
      await expectNothingCounted(id);
    });

    it('a replayed token is acknowledged and counted once', async () => {
      const { id, token } = await freshToken(3);
      expect((await upload(h, { token, team: id, day: DAYS[3], ...values })).json()).toEqual({ counted: true, duplicate: false });
      const retry = await upload(h, { token, team: id, day: DAYS[3], ...values });
      expect(retry.statusCode).toBe(200);
      expect(retry.json()).toEqual({ counted: false, duplicate: true });
      // Different values with the same token: still not counted again (values are never stored per upload).
      expect((await upload(h, { token, team: id, day: DAYS[3], ...values, reps: 1999 })).json()).toEqual({ counted: false, duplicate: true });
      const rows = await sums(h, id);
      expect(rows).toEqual([{ day: DAYS[3], contributors: 1, active_minutes: '30', reps: '40', movement_points: '500' }]);
      // Concurrent duplicates: exactly one counts.
      const second = await freshToken(4);
      const results = await Promise.all(Array.from({ length: 5 }, () => upload(h, { token: second.token, team: second.id, day: DAYS[4], ...values })));
      expect(results.map((r) => r.json().counted).filter(Boolean)).toHaveLength(1);
      expect((await sums(h, second.id))[0].contributors).toBe(1);
    });

    it('a token for another team or another day', async () => {
      const { id, other, token } = await freshToken(3);
      await expectError(await upload(h, { token, team: other, day: DAYS[3], ...values }), 403, 'invalid-token');
      await expectError(await upload(h, { token, team: id, day: DAYS[2], ...values }), 403, 'invalid-token');
      await expectNothingCounted(id, other);
    });

    it('a day that is not open for uploads (the future, or past its upload window)', async () => {
      const { id, token } = await freshToken(6);
      h.setNow(new Date(`${addDays(DAYS[6], -1)}T12:00:00Z`));
      await expectError(await upload(h, { token, team: id, day: DAYS[6], ...values }), 422, 'day-not-open');
      h.setNow(new Date(`${addDays(DAYS[6], 8)}T12:00:00Z`));
      await expectError(await upload(h, { token, team: id, day: DAYS[6], ...values }), 422, 'day-not-open');
      await expectNothingCounted(id);
    });

    it('today (a client clock slightly ahead): 425 with Retry-After until midnight UTC, then counted', async () => {
      const { id, token } = await freshToken(5);
      h.setNow(new Date(`${DAYS[5]}T23:59:30Z`));
      const early = await upload(h, { token, team: id, day: DAYS[5], ...values });
      await expectError(early, 425, 'day-not-open-yet');
      expect(early.headers['retry-after']).toBe('30');
      await expectNothingCounted(id);
      h.setNow(new Date(`${addDays(DAYS[5], 1)}T00:00:05Z`));
      expect((await upload(h, { token, team: id, day: DAYS[5], ...values })).json()).toEqual({ counted: true, duplicate: false });
    });

    it('out-of-range values, extra fields, missing fields, wrong types', async () => {
      const { id, token } = await freshToken(3);
      const base = { token, team: id, day: DAYS[3], ...values };
      for (const body of [
        { ...base, activeMinutes: 1441 },
        { ...base, activeMinutes: -1 },
        { ...base, reps: 10_001 },
        { ...base, movementPoints: 100_001 },
        { ...base, reps: 1.5 },
        { ...base, reps: '40' },
        { ...base, timestamp: 1 },
        { ...base, deviceId: 'x' },
        { token, team: id, day: DAYS[3], reps: 1, movementPoints: 1 },
        { ...base, day: '2026-11-31' },
        { ...base, token: token.slice(1) },
      ]) {
        const response = await upload(h, body);
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(Object.keys(response.json()).sort()).toEqual(['error', 'message']);
      }
      await expectNothingCounted(id);
      // The token is still good afterwards: nothing was spent by the rejected attempts.
      expect((await upload(h, base)).json()).toEqual({ counted: true, duplicate: false });
    });

    it('an oversized body', async () => {
      const { id, token } = await freshToken(3);
      const body = JSON.stringify({ token, team: id, day: DAYS[3], ...values, padding: 'x'.repeat(2000) });
      const response = await h.app.inject({ method: 'POST', url: '/api/contributions', headers: { 'content-type': 'application/json' }, payload: body });
      await expectError(response, 413, 'body-too-large');
      await expectNothingCounted(id);
    });

    it("the client's fixed-size body (numbers padded with JSON whitespace) is accepted", async () => {
      const { id, token } = await freshToken(3);
      const body = contributionBody(token, id, DAYS[3], values);
      expect(body).toMatch(/"reps":40  ,/);
      const response = await h.app.inject({ method: 'POST', url: '/api/contributions', headers: { 'content-type': 'application/json' }, payload: body });
      expect(response.json()).toEqual({ counted: true, duplicate: false });
      expect(await sums(h, id)).toEqual([{ day: DAYS[3], contributors: 1, active_minutes: '30', reps: '40', movement_points: '500' }]);
    });

    it('the upload ignores Authorization and cookies: a bogus one changes nothing', async () => {
      const { id, token } = await freshToken(3);
      const response = await upload(h, { token, team: id, day: DAYS[3], ...values }, { authorization: 'Bearer not-a-token', cookie: 'session=x' });
      expect(response.json()).toEqual({ counted: true, duplicate: false });
    });
  });

  it('token bookkeeping is purged once it guards nothing', async () => {
    // Issuance rows only guard days not yet begun; nonces only days still open for upload.
    const before = await h.testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM spent_tokens');
    expect(await purgeTokenRecords(h.testDb.db, '2026-11-17')).toMatchObject({ spent: 0 });
    expect(await h.testDb.db.query('SELECT day FROM token_issuance WHERE day < $1::date', ['2026-11-17'])).toEqual([]);
    expect(await h.testDb.db.query('SELECT day FROM issuance_markers WHERE day < $1::date', ['2026-11-17'])).toEqual([]);
    expect((await h.testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM spent_tokens'))[0].n).toBe(before[0].n);
    expect((await purgeTokenRecords(h.testDb.db, '2026-11-30')).spent).toBe(before[0].n);
    expect(await h.testDb.db.query('SELECT day FROM spent_tokens')).toEqual([]);
  });

  it('the ingest runs as a role that can only touch the aggregate tables', async () => {
    const denied = await h.testDb.db
      .transaction(async (tx) => {
        await tx.query('SET LOCAL ROLE microbreak_ingest');
        await tx.query('SELECT count(*) FROM token_issuance');
      })
      .then(() => 'allowed', (error: Error) => error.message);
    expect(denied).toMatch(/permission denied/);
    for (const table of ['people', 'memberships', 'teams']) {
      const result = await h.testDb.db
        .transaction(async (tx) => {
          await tx.query('SET LOCAL ROLE microbreak_ingest');
          await tx.query(`SELECT count(*) FROM ${table}`);
        })
        .then(() => 'allowed', (error: Error) => error.message);
      expect(result, table).toMatch(/permission denied/);
    }
  });
});

describe.each(BACKENDS)('aggregate noise (%s)', (backend) => {
  const h = useApi(backend, { aggregates: { masterSecret: new Uint8Array(32).fill(9), noise: DEFAULT_NOISE_SCALES } });

  it('is drawn once per (team, window, metric), stored, and constant across reloads', async () => {
    h.setNow(ISSUE_AT);
    const users = Array.from({ length: 5 }, () => newSubject('noise'));
    const id = await team(h, users[0], users.slice(1), 'Noisy');
    const tokens = [];
    for (const u of users) tokens.push((await getTokens(h, u, [{ team: id, day: DAYS[0] }])).tokens.get(`${id}|${DAYS[0]}`));
    h.setNow(uploadTime(DAYS[0]));
    for (const token of tokens) expect((await upload(h, { token, team: id, day: DAYS[0], activeMinutes: 20, reps: 30, movementPoints: 400 })).statusCode).toBe(200);
    h.setNow(PUBLISH_AT);
    const first = (await h.as(users[0], 'GET', `/api/teams/${id}/totals?week=${WEEK}`)).json();
    expect(first.noise).toBe(true);
    expect(first.days[0].published).toBe(true);
    expect(first.days[0].contributors).toBe(5);
    for (let i = 0; i < 3; i++) expect((await h.as(users[i], 'GET', `/api/teams/${id}/totals?week=${WEEK}`)).json()).toEqual(first);
    const stored = await h.testDb.db.query<{ time_window: string; metric: string }>(
      'SELECT time_window, metric FROM aggregate_noise WHERE team_id = $1 ORDER BY time_window, metric',
      [id],
    );
    // Per day only: the week total is the sum of the noisy days, with no noise of its own to difference away.
    expect(stored.map((r) => `${r.time_window}/${r.metric}`)).toEqual([`${DAYS[0]}/activeMinutes`, `${DAYS[0]}/movementPoints`, `${DAYS[0]}/reps`]);
    expect(first.total.totals).toEqual(first.days[0].totals);
  });
});
