/**
 * Differencing attacks on published figures with the default noise (issue 12): the week total
 * minus the days shown, a later week view minus an earlier one, and the comparison's pooled
 * averages times contributor-days recover no exact sum.
 */
import { describe, expect, it } from 'vitest';
import { addDays, daysOfIsoWeek } from '../../src/core/calendar';
import { METRICS, type Metric } from '../../src/core/aggregates';
import { BACKENDS } from '../testing/db';
import { newSubject, useApi, type Harness } from '../testing/harness';
import { getTokens, upload } from '../testing/privacy-pass';
import { DEFAULT_NOISE_SCALES } from './noise';

const WEEK = '2026-W47';
const DAYS = (daysOfIsoWeek(WEEK) as string[]).slice(0, 4); // Monday to Thursday
const ISSUE_AT = new Date('2026-11-16T08:00:00Z');
const USERS = 10;
type Sums = Record<Metric, number>;

async function team(h: Harness, users: string[], name: string): Promise<string> {
  const { id, inviteCode } = (await h.as(users[0], 'POST', '/api/teams', { name })).json();
  for (const u of users.slice(1)) expect((await h.as(u, 'POST', '/api/teams/join', { inviteCode })).statusCode).toBe(200);
  return id;
}

describe.each(BACKENDS)('differencing published figures (%s)', (backend) => {
  const h = useApi(backend, { aggregates: { masterSecret: new Uint8Array(32).fill(5), noise: DEFAULT_NOISE_SCALES } });

  it('week minus days, later minus earlier views, and comparison averages recover nothing exact', async () => {
    h.setNow(ISSUE_AT);
    const users = Array.from({ length: USERS }, () => newSubject('diff'));
    const teams = [await team(h, users, 'Diff A'), await team(h, users, 'Diff B')];
    const held = [];
    for (const u of users) held.push((await getTokens(h, u, teams.flatMap((t) => DAYS.map((day) => ({ team: t, day }))))).tokens);
    const truth = new Map<string, Sums>();
    for (const [ti, t] of teams.entries()) {
      for (const [di, day] of DAYS.entries()) {
        h.setNow(new Date(`${addDays(day, 1)}T10:00:00Z`));
        const sum: Sums = { activeMinutes: 0, reps: 0, movementPoints: 0 };
        for (let u = 0; u < USERS; u++) {
          const values = { activeMinutes: 5 + u + di + ti, reps: 10 + 3 * u + di, movementPoints: 200 + 11 * u + 5 * di + ti };
          expect((await upload(h, { token: held[u].get(`${t}|${day}`), team: t, day, ...values })).statusCode).toBe(200);
          for (const m of METRICS) sum[m] += values[m];
        }
        truth.set(`${t}|${day}`, sum);
      }
    }
    const view = async (at: string) => {
      h.setNow(new Date(at));
      return (await h.as(users[0], 'GET', `/api/teams/${teams[0]}/totals?week=${WEEK}`)).json();
    };
    // Monday and Tuesday closed first; then all four.
    const early = await view('2026-11-21T12:00:00Z');
    const late = await view('2026-11-23T12:00:00Z');
    expect(early.days.filter((d: { published: boolean }) => d.published)).toHaveLength(2);
    expect(late.days.filter((d: { published: boolean }) => d.published)).toHaveLength(4);
    let exact = 0;
    let checks = 0;
    for (const m of METRICS) {
      // The week is the sum of the noisy days shown: week minus days leaves exactly nothing.
      expect(late.total.totals[m]).toBe(late.days.reduce((s: number, d: { totals: Sums | null }) => s + (d.totals?.[m] ?? 0), 0));
      // Days already shown never change: a later view minus an earlier one is the new noisy days.
      for (let i = 0; i < 2; i++) expect(late.days[i].totals[m]).toBe(early.days[i].totals[m]);
      const newDays = late.total.totals[m] - early.total.totals[m];
      const trueNew = truth.get(`${teams[0]}|${DAYS[2]}`)![m] + truth.get(`${teams[0]}|${DAYS[3]}`)![m];
      checks++;
      if (newDays === trueNew) exact++;
      for (let i = 0; i < 4; i++) {
        checks++;
        if (late.days[i].totals[m] === truth.get(`${teams[0]}|${DAYS[i]}`)![m]) exact++;
      }
    }
    // Comparison: the other team's pooled average × contributor-days is its noisy sum, not its true one.
    h.setNow(new Date('2026-11-23T12:00:00Z'));
    const comparison = (await h.as(users[0], 'GET', `/api/teams/${teams[0]}/comparison?week=${WEEK}`)).json();
    expect(comparison.eligible).toBe(true);
    const contributorDays = USERS * DAYS.length;
    let nearTruth = 0;
    for (const m of METRICS) {
      const trueSum = DAYS.reduce((s, day) => s + truth.get(`${teams[1]}|${day}`)![m], 0);
      if (Math.abs(comparison.others.averages[m] * contributorDays - trueSum) <= 0.05 * contributorDays) nearTruth++;
    }
    // Exact hits happen by chance only (minutes: ≈ 0.04 per figure): 15 figures, < 5 hits; never all three averages.
    expect(exact).toBeLessThan(5);
    expect(checks).toBe(15);
    expect(nearTruth).toBeLessThan(3);
  }, 300_000);
});
