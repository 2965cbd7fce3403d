import { describe, expect, it } from 'vitest';
import { addDays, daysOfIsoWeek } from '../../src/core/calendar';
import { BACKENDS } from '../testing/db';
import { newSubject, useApi, type Harness } from '../testing/harness';
import { getTokens, upload, type Values } from '../testing/privacy-pass';
import { MAX_CHALLENGES_PER_WEEK, type Challenge, type ChallengeList } from '../../src/core/api/challenges';

const WEEK = '2026-W47';
const DAYS = daysOfIsoWeek(WEEK) as string[]; // 2026-11-16 (Mon) .. 2026-11-22 (Sun)
const MONDAY_MORNING = new Date('2026-11-16T08:00:00Z');
/** Uploads for a day are accepted from the next day on. */
const uploadTime = (day: string) => new Date(`${addDays(day, 1)}T10:00:00Z`);
const at = (day: string) => new Date(`${day}T10:00:00Z`);

async function makeTeam(h: Harness, owner: string, members: string[], name = 'Walkers'): Promise<string> {
  const created = await h.as(owner, 'POST', '/api/teams', { name });
  expect(created.statusCode).toBe(201);
  const { id, inviteCode } = created.json();
  for (const m of members) expect((await h.as(m, 'POST', '/api/teams/join', { inviteCode })).statusCode).toBe(200);
  return id;
}

function valuesFor(user: number): Values {
  return { activeMinutes: 10 + user, reps: 20 * (user + 1), movementPoints: 100 + 7 * user };
}

describe.each(BACKENDS)('team challenges (%s)', (backend) => {
  const h = useApi(backend);

  async function list(subject: string, teamId: string, week = WEEK): Promise<ChallengeList> {
    const response = await h.as(subject, 'GET', `/api/teams/${teamId}/challenges?week=${week}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }
  async function create(subject: string, teamId: string, body: Record<string, unknown>) {
    return h.as(subject, 'POST', `/api/teams/${teamId}/challenges`, body);
  }
  async function expectError(response: Awaited<ReturnType<typeof create>>, status: number, error: string) {
    expect(response.statusCode, response.body).toBe(status);
    const body = response.json();
    expect(body.error).toBe(error);
    expect(typeof body.message).toBe('string');
  }

  it('the owner creates, members list, the owner deletes', async () => {
    h.setNow(MONDAY_MORNING);
    const owner = newSubject('owner');
    const member = newSubject('member');
    const teamId = await makeTeam(h, owner, [member]);

    const response = await create(owner, teamId, { metric: 'activeMinutes', kind: 'team-total', goal: 500, week: WEEK });
    expect(response.statusCode, response.body).toBe(201);
    const created: Challenge = response.json();
    expect(created).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      week: WEEK,
      metric: 'activeMinutes',
      kind: 'team-total',
      goal: 500,
      value: null,
      fraction: null,
      reached: false,
      status: 'not-yet',
      daysPublished: 0,
      daysClosed: 0,
      complete: false,
      resultsFrom: '2026-11-20',
    });
    const second = (await create(owner, teamId, { metric: 'reps', kind: 'per-participant-day', goal: 30, week: WEEK })).json();
    // Next week is allowed too, and listed under its own week.
    const nextWeek = (await create(owner, teamId, { metric: 'movementPoints', kind: 'team-total', goal: 9000, week: '2026-W48' })).json();

    const seen = await list(member, teamId);
    expect(seen.week).toBe(WEEK);
    expect(seen.currentWeek).toBe(WEEK);
    expect(seen.challenges.map((c) => c.id)).toEqual([created.id, second.id]);
    expect((await list(member, teamId, '2026-W48')).challenges.map((c) => c.id)).toEqual([nextWeek.id]);
    // Without a week: the current one.
    const current: ChallengeList = (await h.as(member, 'GET', `/api/teams/${teamId}/challenges`)).json();
    expect(current.challenges.map((c) => c.id)).toEqual([created.id, second.id]);

    // Nothing about who made it is stored.
    const columns = await h.testDb.db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'challenges' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'team_id', 'week', 'metric', 'kind', 'goal', 'created_on', 'seq']);

    const deleted = await h.as(owner, 'DELETE', `/api/teams/${teamId}/challenges/${created.id}`);
    expect(deleted.statusCode).toBe(204);
    expect((await list(owner, teamId)).challenges.map((c) => c.id)).toEqual([second.id]);
    await expectError(await h.as(owner, 'DELETE', `/api/teams/${teamId}/challenges/${created.id}`), 404, 'challenge-not-found');

    // Closing the team removes its challenges.
    await h.as(member, 'POST', `/api/teams/${teamId}/leave`);
    await h.as(owner, 'POST', `/api/teams/${teamId}/leave`);
    expect(await h.testDb.db.query('SELECT id FROM challenges WHERE team_id = $1', [teamId])).toEqual([]);
  });

  it('non-owners and non-members are refused', async () => {
    h.setNow(MONDAY_MORNING);
    const owner = newSubject('owner');
    const member = newSubject('member');
    const stranger = newSubject('stranger');
    const teamId = await makeTeam(h, owner, [member]);
    const otherTeam = await makeTeam(h, stranger, [], 'Others');
    const challenge: Challenge = (await create(owner, teamId, { metric: 'reps', kind: 'team-total', goal: 100, week: WEEK })).json();
    const body = { metric: 'reps', kind: 'team-total', goal: 100, week: WEEK };

    await expectError(await create(member, teamId, body), 403, 'not-owner');
    await expectError(await h.as(member, 'DELETE', `/api/teams/${teamId}/challenges/${challenge.id}`), 403, 'not-owner');
    await expectError(await create(stranger, teamId, body), 404, 'team-not-found');
    await expectError(await h.as(stranger, 'GET', `/api/teams/${teamId}/challenges?week=${WEEK}`), 404, 'team-not-found');
    await expectError(await h.as(stranger, 'DELETE', `/api/teams/${teamId}/challenges/${challenge.id}`), 404, 'team-not-found');
    // A challenge of another team cannot be deleted through one's own team.
    await expectError(await h.as(stranger, 'DELETE', `/api/teams/${otherTeam}/challenges/${challenge.id}`), 404, 'challenge-not-found');
    const unsigned = await h.app.inject({ method: 'GET', url: `/api/teams/${teamId}/challenges?week=${WEEK}` });
    expect(unsigned.statusCode).toBe(401);
    expect((await list(owner, teamId)).challenges.map((c) => c.id)).toEqual([challenge.id]);
  });

  it('validation: week, metric, kind, goal, the per-week limit', async () => {
    h.setNow(new Date('2026-11-22T23:00:00Z')); // Sunday evening of W47: still the current week
    const owner = newSubject('owner');
    const teamId = await makeTeam(h, owner, []);
    const ok = { metric: 'activeMinutes', kind: 'team-total', goal: 500, week: WEEK };

    await expectError(await create(owner, teamId, { ...ok, week: '2026-W46' }), 400, 'week-in-past');
    await expectError(await create(owner, teamId, { ...ok, week: '2025-W47' }), 400, 'week-in-past');
    expect((await create(owner, teamId, { ...ok, week: '2026-W51' })).statusCode).toBe(201); // 4 weeks ahead
    await expectError(await create(owner, teamId, { ...ok, week: '2026-W52' }), 400, 'week-too-far');
    await expectError(await create(owner, teamId, { ...ok, week: '2026-W99' }), 400, 'invalid-week');
    await expectError(await h.as(owner, 'GET', `/api/teams/${teamId}/challenges?week=2026-W00`), 400, 'invalid-week');
    await expectError(await h.as(owner, 'GET', `/api/teams/${teamId}/challenges?week=47`), 400, 'invalid-request');
    for (const body of [
      { ...ok, week: '2026-47' },
      { ...ok, metric: 'breaks' },
      { ...ok, kind: 'everyone' },
      { ...ok, goal: 0 },
      { ...ok, goal: -5 },
      { ...ok, goal: 2.5 },
      { ...ok, goal: '500' },
      { ...ok, goal: 2_000_000_000 },
      { metric: 'reps', kind: 'team-total', week: WEEK },
      {},
    ]) {
      const response = await create(owner, teamId, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error).toBe('invalid-request');
    }
    // More active minutes per person and day than a day can hold.
    await expectError(await create(owner, teamId, { ...ok, kind: 'per-participant-day', goal: 121 }), 400, 'invalid-goal');
    expect((await create(owner, teamId, { ...ok, kind: 'per-participant-day', goal: 120 })).statusCode).toBe(201);
    const invalidJson = await h.app.inject({
      method: 'POST',
      url: `/api/teams/${teamId}/challenges`,
      headers: { authorization: `Bearer ${await h.issuer.sign(owner, { now: new Date('2026-11-22T23:00:00Z') })}`, 'content-type': 'application/json' },
      payload: '{"metric":',
    });
    expect(invalidJson.statusCode).toBe(400);

    for (let i = 1; i < MAX_CHALLENGES_PER_WEEK; i++) expect((await create(owner, teamId, { ...ok, goal: 100 * i })).statusCode).toBe(201);
    await expectError(await create(owner, teamId, ok), 409, 'too-many-challenges');
    expect((await list(owner, teamId)).challenges).toHaveLength(MAX_CHALLENGES_PER_WEEK);
  });

  it('progress comes from published totals only: 4 contributors wait, 5 show the exact value, open days never count', async () => {
    h.setNow(MONDAY_MORNING);
    const users = Array.from({ length: 6 }, () => newSubject('ch'));
    const teamId = await makeTeam(h, users[0], users.slice(1));
    const total = (await create(users[0], teamId, { metric: 'activeMinutes', kind: 'team-total', goal: 100, week: WEEK })).json() as Challenge;
    const perDay = (await create(users[0], teamId, { metric: 'reps', kind: 'per-participant-day', goal: 200, week: WEEK })).json() as Challenge;
    const plan: [number, number][] = [[0, 4], [1, 5], [4, 5]]; // (day index, contributors)
    const tokens: Map<string, string>[] = [];
    for (const user of users) {
      const got = await getTokens(h, user, plan.map(([i]) => ({ team: teamId, day: DAYS[i] })));
      expect(got.tokens.size).toBe(plan.length);
      tokens.push(got.tokens);
    }
    const expected = new Map<number, Values & { contributors: number }>();
    async function uploadDay(i: number, contributors: number) {
      h.setNow(uploadTime(DAYS[i]));
      const sum = { activeMinutes: 0, reps: 0, movementPoints: 0, contributors };
      for (let u = 0; u < contributors; u++) {
        const values = valuesFor(u + i);
        const response = await upload(h, { token: tokens[u].get(`${teamId}|${DAYS[i]}`), team: teamId, day: DAYS[i], ...values });
        expect(response.json()).toEqual({ counted: true, duplicate: false });
        sum.activeMinutes += values.activeMinutes;
        sum.reps += values.reps;
        sum.movementPoints += values.movementPoints;
      }
      expected.set(i, sum);
    }
    const byId = async (subject: string) => new Map((await list(subject, teamId)).challenges.map((c) => [c.id, c]));

    // Monday morning: nothing has closed yet.
    h.setNow(MONDAY_MORNING);
    expect((await byId(users[3])).get(total.id)).toMatchObject({ status: 'not-yet', value: null, daysClosed: 0, resultsFrom: '2026-11-20' });

    await uploadDay(0, 4);
    await uploadDay(1, 5);
    // Friday: Monday has closed with 4 contributors (not published); Tuesday (5) is still open.
    h.setNow(at('2026-11-20'));
    for (const id of [total.id, perDay.id]) {
      expect((await byId(users[2])).get(id)).toMatchObject({ status: 'waiting', value: null, fraction: null, reached: false, daysPublished: 0, daysClosed: 1 });
    }
    // The raw sums exist all the same: the challenge shows none of them.
    const raw = await h.testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM aggregate_sums WHERE team_id = $1', [teamId]);
    expect(raw[0].n).toBe(2);

    // Friday's uploads come in on Saturday, while Friday is still open.
    await uploadDay(4, 5);
    h.setNow(at('2026-11-21'));
    const tuesday = expected.get(1)!;
    let now = await byId(users[1]);
    expect(now.get(total.id)).toMatchObject({ status: 'in-progress', value: tuesday.activeMinutes, fraction: tuesday.activeMinutes / 100, reached: false, daysPublished: 1, daysClosed: 2 });
    expect(now.get(perDay.id)).toMatchObject({ status: 'in-progress', value: Math.round((tuesday.reps / 5) * 10) / 10, daysPublished: 1 });
    // The same numbers as the published totals.
    const totals = (await h.as(users[1], 'GET', `/api/teams/${teamId}/totals?week=${WEEK}`)).json();
    expect(totals.total.totals.activeMinutes).toBe(now.get(total.id)!.value);

    // The next Wednesday: Friday has closed and counts; Saturday and Sunday are closed but empty.
    h.setNow(at('2026-11-25'));
    const friday = expected.get(4)!;
    now = await byId(users[0]);
    expect(now.get(total.id)).toMatchObject({ status: 'reached', value: tuesday.activeMinutes + friday.activeMinutes, fraction: 1, reached: true, daysPublished: 2, daysClosed: 6, complete: false });
    expect(now.get(perDay.id)).toMatchObject({ status: 'in-progress', value: Math.round(((tuesday.reps + friday.reps) / 10) * 10) / 10, reached: false });
    h.setNow(at('2026-11-30'));
    expect((await byId(users[0])).get(total.id)).toMatchObject({ complete: true, daysClosed: 7, status: 'reached' });
  }, 180_000);
});
