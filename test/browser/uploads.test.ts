/**
 * Anonymous team uploads end to end (docs/design.md §7): a signed-in person gets a week of Privacy Pass
 * tokens; after the day is over the app uploads that day's totals on its own, with no cookie,
 * no Authorization and no referrer, even though the origin holds a cookie; going offline only
 * delays the upload, a repeat is counted once, and the Privacy page shows the exact bytes sent.
 */
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/calendar';
import { launchChromium, localToday, readStore, watchPageErrors, writeStore } from './harness';
import { addColleagues, atNextNoon, signIn, startSignInRig, type SignInRig } from './sign-in-rig';

let rig: SignInRig;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  rig = await startSignInRig({ accessTokenTtlSeconds: 3600 });
  browser = await launchChromium({ ignoreCertificateErrors: true });
  // Stockholm: the local day ends an hour before the UTC day, the case where uploading at local midnight would be refused.
  context = await browser.newContext({ viewport: { width: 1000, height: 800 }, timezoneId: 'Europe/Stockholm', locale: 'en-GB' });
  // A cookie on the app's own origin: a default fetch would send it; the upload must not.
  await context.addCookies([{ name: 'tracking', value: 'would-identify-you', url: rig.url }]);
});
afterAll(async () => {
  await browser?.close();
  await rig?.close();
});

function contributionRequests(target: Page | BrowserContext): Request[] {
  const seen: Request[] = [];
  target.on('request', (request: Request) => {
    if (new URL(request.url()).pathname === '/api/contributions') seen.push(request);
  });
  return seen;
}

let teamId = '';
let today = '';

describe('anonymous uploads', () => {
  it('a signed-in member gets a token for each of the coming 7 days, from the published keys', async () => {
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.clock.install();
    await page.clock.resume();
    await page.goto(rig.url);
    await signIn(page, rig);
    await page.fill('[data-testid=create-team] input[name=team-name]', 'Stair climbers');
    await page.click('[data-testid=create-team] button[type=submit]');
    await page.waitForSelector('[data-testid=team]');
    teamId = (await page.getAttribute('[data-testid=team]', 'data-team-id')) as string;
    // A team of one gets no tokens (k = 5 members): nothing is asked for.
    expect(await readStore(page, 'tokens')).toEqual([]);
    expect(await rig.db.query('SELECT * FROM token_issuance WHERE team_id = $1', [teamId])).toEqual([]);
    // Four colleagues join (stored directly: the rig's sign-in has too few test users); the next start asks.
    await addColleagues(rig.db, teamId);
    // The page's own clock goes back to this UTC day's morning (UTC and Stockholm share the date),
    // so fast-forwarding to the random moments below never crosses midnight, whenever the test runs.
    await page.clock.setSystemTime(new Date(`${new Date().toISOString().slice(0, 10)}T07:00:00Z`));
    await page.reload();
    await page.click('[data-testid=nav-teams]');

    // The refresh goes at a random moment (1–20 minutes later), never right at start.
    expect(await readStore(page, 'tokens')).toEqual([]);
    await expect.poll(async () => {
      await page.clock.fastForward('05:00');
      return (await readStore(page, 'tokens')).length;
    }, { timeout: 60_000, interval: 500 }).toBe(7);
    const tokens = await readStore(page, 'tokens');
    const utcToday = new Date().toISOString().slice(0, 10);
    expect(tokens.map((t) => t.day).sort()).toEqual(Array.from({ length: 7 }, (_, i) => addDays(utcToday, i)));
    expect(tokens.every((t) => t.team === teamId && /^[A-Za-z0-9_-]{195}$/.test(String(t.token)))).toBe(true);
    // The server holds issuance rows (who got a token for which day), never the tokens.
    const issued = await rig.db.query<{ n: number }>('SELECT count(*)::int AS n FROM token_issuance WHERE team_id = $1', [teamId]);
    expect(issued[0].n).toBe(7);

    // Today's movement, as a finished game would store it.
    today = await localToday(page);
    await writeStore(page, 'sessions', [{ id: 'upload-test', game: 'squats', startedAt: await page.evaluate(() => Date.now()), date: today, durationSeconds: 120, reps: 12, activeSeconds: 150, movementPoints: 321, seed: 1 }]);
    // The four colleagues took their tokens too: k = 5 people hold one for each day.
    await rig.db.query('UPDATE issuance_counts SET people = people + 4 WHERE team_id = $1', [teamId]);
    // The service worker (and its precache) must be in place for the offline start below.
    expect(await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active !== null))).toBe(true);
    // Nothing goes before the day is over.
    await page.click('[data-testid=nav-privacy]');
    await page.waitForSelector('[data-testid=upload-log]');
    expect(await page.isVisible('[data-testid=uploads-none]')).toBe(true);
    expect(await rig.db.query('SELECT * FROM aggregate_sums')).toEqual([]);
    await page.close();
    expect(errors).toEqual([]);
  }, 120_000);

  it('refuses to upload to an endpoint whose metadata does not state EU/EEA', async () => {
    const page = await context.newPage();
    const sent = contributionRequests(page);
    await page.route('**/.well-known/microbreak-endpoint.json', (route) =>
      route.fulfill({ json: { operator: 'Elsewhere Inc.', jurisdiction: 'US', region: 'us-east-1', eea: true, apiVersion: 1 } }),
    );
    await atNextNoon(page, rig, today);
    await page.goto(rig.url);
    await page.click('[data-testid=nav-privacy]');
    await page.waitForSelector('[data-testid=upload-endpoint][data-refusal=not-eea]', { timeout: 30_000 });
    // The upload's own moment comes (fast-forwarded): the endpoint is checked before sending, and refused.
    await expect.poll(async () => {
      await page.clock.fastForward('15:00');
      return (await readStore(page, 'uploads'))[0]?.error;
    }, { timeout: 30_000, interval: 500 }).toBe('endpoint-not-eea');
    expect((await readStore(page, 'uploads'))[0]).toMatchObject({ state: 'queued', attempts: 0 });
    expect(await page.textContent('[data-testid=upload-endpoint]')).toContain('does not state an EU/EEA jurisdiction');
    expect(sent).toEqual([]);
    expect(await rig.db.query('SELECT * FROM aggregate_sums')).toEqual([]);
    await page.close();
  }, 60_000);

  it('after the day, the upload goes by itself: offline it waits, back online it is sent, with no identifying header', async () => {
    const fromContext = contributionRequests(context);
    await context.setOffline(true);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    const fromPage = contributionRequests(page);
    await atNextNoon(page, rig, today);
    // Offline: the app opens from its service worker cache, queues the day, and keeps it.
    await page.goto(rig.url);
    await page.click('[data-testid=nav-privacy]');
    await page.waitForSelector('[data-testid=upload][data-state=queued]', { timeout: 30_000 });
    const queued = (await readStore(page, 'uploads'))[0];
    expect(queued).toMatchObject({ team: teamId, day: today, state: 'queued' });
    expect(await rig.db.query('SELECT * FROM aggregate_sums')).toEqual([]);

    // Not at app start: nothing has been tried yet.
    expect((await readStore(page, 'uploads'))[0]).toMatchObject({ attempts: 0 });
    await context.setOffline(false);
    // At its own random moment (fast-forwarded), one upload goes.
    await expect.poll(async () => {
      await page.clock.fastForward('15:00');
      return (await readStore(page, 'uploads'))[0]?.state;
    }, { timeout: 60_000, interval: 500 }).toBe('sent');
    await page.waitForSelector('[data-testid=upload][data-state=sent]', { timeout: 30_000 });
    const sums = await rig.db.query('SELECT team_id, day::text AS day, contributors, active_minutes::int AS m, reps::int AS r, movement_points::int AS p FROM aggregate_sums');
    // 150 active seconds are 2.5 minutes: randomized rounding sends 2 or 3 (expectation 2.5).
    expect(sums).toEqual([{ team_id: teamId, day: today, contributors: 1, m: expect.any(Number), r: 12, p: 321 }]);
    expect([2, 3]).toContain((sums[0] as { m: number }).m);

    const sent = [...fromPage, ...fromContext];
    expect(sent.length).toBeGreaterThan(0);
    const shown = await page.textContent('[data-testid=upload] [data-testid=upload-body]');
    for (const request of sent) {
      const headers = await request.allHeaders();
      expect(headers.cookie, 'cookie').toBeUndefined();
      expect(headers.authorization, 'authorization').toBeUndefined();
      expect(headers.referer ?? '', 'referer').toBe('');
      expect(Object.keys(headers).filter((h) => /^x-|client|device|session|user-id/i.test(h))).toEqual([]);
      expect(request.method()).toBe('POST');
    }
    // Byte for byte what the Privacy page shows (the service worker's own copy carries no readable body here).
    const bodies = sent.map((r) => r.postData()).filter((b) => b !== null);
    expect(bodies.length).toBeGreaterThan(0);
    for (const b of bodies) expect(b).toBe(shown);
    const body = JSON.parse(shown as string);
    expect(Object.keys(body)).toEqual(['token', 'team', 'day', 'activeMinutes', 'reps', 'movementPoints']);
    expect(body).toMatchObject({ team: teamId, day: today, activeMinutes: (sums[0] as { m: number }).m, reps: 12, movementPoints: 321 });
    // The token is spent on the device; the other six days' tokens stay for their days.
    expect((await readStore(page, 'tokens')).map((t) => t.day)).not.toContain(today);
    expect(await page.textContent('[data-testid=upload-endpoint]')).toContain('EU/EEA');
    await page.close();
    // The browser reports the offline attempts themselves; nothing else may go wrong.
    expect(errors.filter((e) => !e.includes('net::ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  }, 120_000);

  it('a repeat of the same upload (e.g. the service worker replaying it) is counted once', async () => {
    const page = await context.newPage();
    await page.goto(rig.url);
    const body = String((await readStore(page, 'uploads'))[0].body);
    const status = await page.evaluate(async (text) => {
      const response = await fetch('/api/contributions', { method: 'POST', body: text, headers: { 'content-type': 'application/json' }, credentials: 'omit' });
      return { status: response.status, body: await response.json() };
    }, body);
    expect(status).toEqual({ status: 200, body: { counted: false, duplicate: true } });
    const sums = await rig.db.query<{ contributors: number }>('SELECT contributors FROM aggregate_sums');
    expect(sums).toEqual([{ contributors: 1 }]);
    await page.close();
    rig.setNow(null);
  });
});
