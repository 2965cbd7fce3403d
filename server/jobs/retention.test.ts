import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../app';
import { BACKENDS } from '../testing/db';
import { newSubject, useApi } from '../testing/harness';
import { purgeStalePeople, startRetentionJob } from './retention';

function memoryLog() {
  const lines: { level: string; obj: unknown }[] = [];
  const log = {
    info: (obj: unknown) => lines.push({ level: 'info', obj }),
    error: (obj: unknown) => lines.push({ level: 'error', obj }),
    warn: () => undefined,
    debug: () => undefined,
    trace: () => undefined,
    fatal: () => undefined,
    child: () => log,
    level: 'info',
    silent: () => undefined,
  } as unknown as FastifyBaseLogger;
  return { log, lines };
}

describe.each(BACKENDS)('retention purge (%s)', (backend) => {
  const h = useApi(backend);
  const at = (day: string) => h.setNow(new Date(`${day}T12:00:00Z`));
  const people = async () => (await h.testDb.db.query<{ subject: string }>('SELECT subject FROM people ORDER BY subject')).map((r) => r.subject);

  it('purges people not seen for 12 months, hands over or closes their teams, keeps the rest', async () => {
    const alice = newSubject('a-alice');
    const bob = newSubject('b-bob');
    const carol = newSubject('c-carol');
    const dave = newSubject('d-dave');
    at('2024-01-15');
    const team = (await h.as(alice, 'POST', '/api/teams', { name: 'T' })).json();
    await h.as(bob, 'POST', '/api/teams/join', { inviteCode: team.inviteCode });
    await h.as(dave, 'POST', '/api/teams/join', { inviteCode: team.inviteCode });
    const solo = (await h.as(carol, 'POST', '/api/teams', { name: 'Solo' })).json();
    at('2024-06-01');
    await h.as(bob, 'GET', '/api/me');
    h.setNow(null);

    // Exactly 12 months later: not yet.
    expect(await purgeStalePeople(h.testDb.db, { now: new Date('2025-01-15T23:00:00Z'), months: 12 })).toEqual({ people: 0, handedOver: 0, closed: 0 });
    expect(await people()).toEqual([alice, bob, carol, dave]);

    // One day more: alice (owner), carol (alone) and dave go; bob (seen in June) stays and owns T.
    expect(await purgeStalePeople(h.testDb.db, { now: new Date('2025-01-16T00:30:00Z'), months: 12 })).toEqual({ people: 3, handedOver: 1, closed: 1 });
    expect(await people()).toEqual([bob]);
    expect(await h.testDb.db.query('SELECT id FROM teams WHERE id = $1', [solo.id])).toEqual([]);
    const memberships = await h.testDb.db.query<{ is_owner: boolean }>('SELECT is_owner FROM memberships WHERE team_id = $1', [team.id]);
    expect(memberships).toEqual([{ is_owner: true }]);

    // Bob is purged in turn a year after June.
    expect(await purgeStalePeople(h.testDb.db, { now: new Date('2025-06-02T00:00:00Z'), months: 12 })).toEqual({ people: 1, handedOver: 0, closed: 1 });
    expect(await people()).toEqual([]);
  });

  it('works in batches and with other retention periods', async () => {
    at('2026-03-31');
    const subjects = Array.from({ length: 5 }, () => newSubject('batch'));
    for (const s of subjects) await h.as(s, 'POST', '/api/teams', { name: 'B' });
    h.setNow(null);
    // 1 month after 31 March is 30 April (end of month clamps).
    expect((await purgeStalePeople(h.testDb.db, { now: new Date('2026-04-30T00:00:00Z'), months: 1, batchSize: 2 })).people).toBe(0);
    expect(await purgeStalePeople(h.testDb.db, { now: new Date('2026-05-01T00:00:00Z'), months: 1, batchSize: 2 })).toEqual({ people: 5, handedOver: 0, closed: 5 });
  });

  it('the job runs at start, then on its interval, logs only counts, and stops', async () => {
    at('2027-01-01');
    const s = newSubject('job');
    await h.as(s, 'POST', '/api/teams', { name: 'J' });
    h.setNow(null);
    const { log, lines } = memoryLog();
    const job = startRetentionJob({ db: h.testDb.db, clock: () => new Date('2028-06-01T00:00:00Z'), months: 12, log, intervalMs: 30 });
    // Each run takes the daily-jobs advisory lock first (PostgreSQL): slower on a busy machine.
    await expect.poll(() => lines.filter((l) => l.level === 'info').length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await job.stop();
    const done = lines.filter((l) => l.level === 'info');
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect(done[0].obj).toEqual({ job: 'retention', people: 1, handedOver: 0, closed: 1 });
    expect(JSON.stringify(lines)).not.toContain(s);
    const count = lines.length;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(lines.length).toBe(count);
    expect(await job.run()).toBeNull();
  });

  it('buildServer runs the purge when ready and stops it on close', async () => {
    at('2028-01-01');
    const s = newSubject('app');
    await h.as(s, 'POST', '/api/teams', { name: 'App' });
    h.setNow(null);
    const app = await buildServer({ db: h.testDb.db, auth: null, retentionMonths: 12, clock: () => new Date('2029-02-01T00:00:00Z') });
    await app.ready();
    await app.close();
    expect(await h.testDb.db.query('SELECT id FROM people WHERE subject = $1', [s])).toEqual([]);
  });
});
