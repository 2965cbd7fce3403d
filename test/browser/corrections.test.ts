/**
 * Data rights in the app (issue 13, issue 11): a break is corrected or deleted in History and the
 * totals and personal best follow, after a reload too; a session an earlier version stored that
 * is no break (0 reps, a few seconds) is not listed; pausing one of two teams means that team
 * gets no upload for the day while the other does, although tokens were fetched for both; a
 * correction made before the day's upload is sent reaches it, one made after is said to be too late.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, localToday, readStore, storedSessions, watchPageErrors, writeStore } from './harness';
import { addColleagues, atNextNoon, signIn, startSignInRig, type SignInRig } from './sign-in-rig';

let rig: SignInRig;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  rig = await startSignInRig({ accessTokenTtlSeconds: 3600 });
  browser = await launchChromium({ ignoreCertificateErrors: true });
  // A time zone in which it is about noon now, on the UTC date: fast-forwarding the page's clock
  // by an hour or two never closes the local day (which would queue and spend today's tokens).
  const offset = 12 - new Date().getUTCHours();
  const timezoneId = offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
  context = await browser.newContext({ viewport: { width: 1000, height: 800 }, timezoneId, locale: 'en-GB' });
});
afterAll(async () => {
  await browser?.close();
  await rig?.close();
});

const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id ?? '');

async function openHistory(page: Page): Promise<void> {
  await page.click('[data-testid=nav-history]');
  await page.waitForSelector('[data-testid=history]');
}

describe('correcting history', () => {
  it('edit a break: totals, the mark and the best follow and survive a reload; delete one: gone after reload; an old 0-rep session is never listed', async () => {
    const own = await browser.newContext({ viewport: { width: 1000, height: 800 }, locale: 'en-GB', acceptDownloads: true });
    const page = await own.newPage();
    const errors = watchPageErrors(page);
    await page.goto(rig.url);
    await openHistory(page); // creates the store
    const today = await localToday(page);
    const at = (h: number) => new Date(`${today}T0${h}:00:00`).getTime();
    await writeStore(page, 'sessions', [
      { id: 'squats-1', game: 'squats', startedAt: at(8), date: today, durationSeconds: 60, reps: 10, activeSeconds: 40, movementPoints: 120, seed: 1 },
      { id: 'reach-1', game: 'reach', startedAt: at(9), date: today, durationSeconds: 60, reps: 8, hits: 8, activeSeconds: 30, movementPoints: 80, seed: 2 },
      // Stored by earlier versions: a minute of standing still, and a few seconds.
      { id: 'old-zero', game: 'arm-raises', startedAt: at(7), date: today, durationSeconds: 60, reps: 0, activeSeconds: 2, movementPoints: 5, seed: 3 },
      { id: 'old-short', game: 'squats', startedAt: at(6), date: today, durationSeconds: 6, reps: 2, activeSeconds: 5, movementPoints: 15, seed: 4 },
    ]);
    await writeStore(page, 'bests', [{ game: 'squats', reps: 10, movementPoints: 120, sessionId: 'squats-1', date: today }]);
    await page.reload();
    await openHistory(page);
    expect(await page.locator('[data-testid=break-row]').count()).toBe(2);
    expect(await page.locator('[data-break-id=old-zero], [data-break-id=old-short]').count()).toBe(0);
    expect(await page.textContent('[data-testid=today-sessions]')).toBe('2');
    expect(await page.textContent('[data-testid=today-points]')).toBe('200');

    // Edit: the dialog takes focus; a count the game could not have produced is refused.
    await page.click('[data-break-id=squats-1] [data-testid=break-edit]');
    await page.waitForSelector('[data-testid=break-dialog][data-mode=edit][open]');
    expect(await focused(page)).toBe('edit-count');
    expect(await page.isVisible('[data-testid=break-sent]')).toBe(false); // nothing sent for today
    await page.fill('[data-testid=edit-count]', '500');
    await page.click('[data-testid=break-confirm]');
    expect(await page.textContent('[data-testid=break-problem]')).toBe('Enter a number from 1 to 106.');
    await page.fill('[data-testid=edit-count]', '15');
    await page.fill('[data-testid=edit-active]', '45');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=break-dialog]', { state: 'detached' });
    // Points follow the count (120 for 10 reps → 180 for 15) and the totals follow the points.
    await expect.poll(() => page.textContent('[data-testid=today-points]')).toBe('260');
    await expect.poll(() => focused(page)).toBe('break-edit');
    expect(await page.textContent('[data-testid=break-status]')).toBe('Break corrected.');
    expect(await page.getAttribute('[data-break-id=squats-1]', 'data-corrected')).toBe('yes');
    expect(await page.textContent('[data-break-id=squats-1]')).toContain('Reps: 15');

    await page.reload();
    await openHistory(page);
    expect(await page.textContent('[data-testid=today-points]')).toBe('260');
    expect(await page.textContent('[data-break-id=squats-1]')).toContain('corrected');
    const squats = (await storedSessions(page)).find((s) => s.id === 'squats-1');
    expect(squats).toMatchObject({ reps: 15, activeSeconds: 45, movementPoints: 180, corrected: { measured: { reps: 10, activeSeconds: 40, movementPoints: 120 } } });
    expect((await readStore(page, 'bests')).find((b) => b.game === 'squats')).toMatchObject({ reps: 15, movementPoints: 180, sessionId: 'squats-1' });

    // Delete: Escape cancels (focus back on the button), then a confirmed delete.
    await page.click('[data-break-id=reach-1] [data-testid=break-delete]');
    await page.waitForSelector('[data-testid=break-dialog][data-mode=delete][open]');
    expect(await focused(page)).toBe('break-cancel');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=break-dialog]', { state: 'detached' });
    await expect.poll(() => focused(page)).toBe('break-delete');
    expect(await page.locator('[data-break-id=reach-1]').count()).toBe(1);
    await page.click('[data-break-id=reach-1] [data-testid=break-delete]');
    await page.click('[data-testid=break-confirm]');
    await expect.poll(() => page.locator('[data-break-id=reach-1]').count()).toBe(0);
    expect(await page.textContent('[data-testid=today-sessions]')).toBe('1');
    expect(await page.textContent('[data-testid=today-points]')).toBe('180');
    expect(await page.textContent('[data-testid=break-status]')).toBe('Break deleted.');
    await expect.poll(() => focused(page)).toBe('breaks-title');
    await page.reload();
    await openHistory(page);
    expect(await page.locator('[data-testid=break-row]').count()).toBe(1);
    expect((await storedSessions(page)).map((s) => s.id).sort()).toEqual(['old-short', 'old-zero', 'squats-1']);

    // The export carries the mark.
    await page.click('[data-testid=nav-privacy]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export]')]);
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(exported.sessions.find((s: { id: string }) => s.id === 'squats-1').corrected.measured.reps).toBe(10);
    expect(errors).toEqual([]);
    await own.close();
  }, 90_000);
});

describe('pausing one team', () => {
  let teams: { a: string; b: string };
  let today = '';

  it('tokens are fetched for both teams, also the paused one', async () => {
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.clock.install();
    await page.clock.resume();
    await page.goto(rig.url);
    await signIn(page, rig);
    for (const name of ['Paused team', 'Shared team']) {
      await page.fill('[data-testid=create-team] input[name=team-name]', name);
      await page.click('[data-testid=create-team] button[type=submit]');
      await expect.poll(() => page.locator(`[data-testid=team]:has-text("${name}")`).count()).toBe(1);
    }
    const id = (name: string) => page.getAttribute(`[data-testid=team]:has-text("${name}")`, 'data-team-id') as Promise<string>;
    teams = { a: await id('Paused team'), b: await id('Shared team') };
    // Four colleagues in each (k = 5), stored directly as in uploads.test.ts.
    for (const [t, team] of [teams.a, teams.b].entries()) await addColleagues(rig.db, team, String(t));

    // The switch: on by default, in plain words; off pauses the team from today.
    await page.click(`[data-testid=team][data-team-id="${teams.a}"] button`);
    await page.waitForSelector('[data-testid=team-detail] [data-testid=sharing][data-sharing=true]');
    expect(await page.textContent('[data-testid=sharing]')).toContain('Share my movement with this team');
    await page.focus('[data-testid=sharing-switch]');
    await page.keyboard.press('Space');
    await page.waitForSelector('[data-testid=sharing][data-sharing=false]');
    expect(await page.textContent('[data-testid=sharing]')).toContain('never shared with this team');
    today = await localToday(page);
    const settings = await page.evaluate(
      () =>
        new Promise<unknown>((resolve) => {
          const open = indexedDB.open('microbreak');
          open.onsuccess = () => {
            const request = open.result.transaction('settings').objectStore('settings').get('teams.sharingPaused');
            request.onsuccess = () => resolve(request.result);
          };
        }),
    );
    expect(settings).toEqual({ [teams.a]: [{ from: today, to: null }] });
    // The other team's switch is its own.
    await page.click(`[data-testid=team][data-team-id="${teams.b}"] button`);
    await page.waitForSelector(`[data-testid=team-detail] [data-testid=sharing][data-sharing=true]`);

    await page.reload();
    await page.click('[data-testid=nav-teams]');
    await expect.poll(async () => {
      await page.clock.fastForward('05:00');
      return (await readStore(page, 'tokens')).length;
    }, { timeout: 60_000, interval: 500 }).toBe(14);
    const held = await readStore(page, 'tokens');
    expect(held.filter((t) => t.team === teams.a)).toHaveLength(7);
    const issued = await rig.db.query<{ team_id: string; n: number }>('SELECT team_id, count(*)::int AS n FROM token_issuance GROUP BY team_id ORDER BY team_id');
    expect(issued).toEqual([{ team_id: teams.a, n: 7 }, { team_id: teams.b, n: 7 }].sort((x, y) => (x.team_id < y.team_id ? -1 : 1)));

    await writeStore(page, 'sessions', [{ id: 'paused-day', game: 'squats', startedAt: Date.now(), date: today, durationSeconds: 120, reps: 12, activeSeconds: 150, movementPoints: 321, seed: 1 }]);
    await rig.db.query('UPDATE issuance_counts SET people = people + 4');
    await page.close();
    expect(errors).toEqual([]);
  }, 120_000);

  it('after the day: the shared team gets its upload (a correction before it is sent reaches it; after, the dialog says it is counted), the paused team none', async () => {
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await atNextNoon(page, rig, today);
    await page.goto(rig.url);
    // The day is over: its upload is built (queued), not sent yet. A correction now reaches it.
    const queuedReps = async () => (await readStore(page, 'uploads')).filter((u) => u.day === today && u.state === 'queued').map((u) => JSON.parse(String(u.body)).reps);
    await expect.poll(queuedReps, { timeout: 30_000 }).toEqual([12]);
    await openHistory(page);
    await page.click('[data-break-id=paused-day] [data-testid=break-edit]');
    await page.waitForSelector('[data-testid=break-dialog][open]');
    expect(await page.isVisible('[data-testid=break-sent]')).toBe(false);
    await page.fill('[data-testid=edit-count]', '20');
    await page.click('[data-testid=break-confirm]');
    await page.waitForSelector('[data-testid=break-dialog]', { state: 'detached' });
    await expect.poll(queuedReps).toEqual([20]);
    await page.click('[data-testid=nav-privacy]');
    // Only the day played while paused is asserted (near midnight UTC the UTC day before is over too).
    await expect.poll(async () => {
      await page.clock.fastForward('15:00');
      return (await readStore(page, 'uploads')).filter((u) => u.day === today).map((u) => `${u.team}:${u.state}`);
    }, { timeout: 60_000, interval: 500 }).toEqual([`${teams.b}:sent`]);
    const sums = await rig.db.query<{ team_id: string; reps: number }>('SELECT team_id, reps::int AS reps FROM aggregate_sums WHERE day = $1', [today]);
    expect(sums).toEqual([{ team_id: teams.b, reps: 20 }]);
    // The paused team's token for that day is gone, unspent; nothing will ever go for it.
    expect((await readStore(page, 'tokens')).some((t) => t.team === teams.a && t.day === today)).toBe(false);
    expect(await page.locator(`[data-testid=upload]`).count()).toBeGreaterThan(0);
    // Sent: a later correction changes only the person's own history, and the dialog says so.
    await openHistory(page);
    await page.click('[data-break-id=paused-day] [data-testid=break-edit]');
    expect(await page.textContent('[data-testid=break-sent]')).toBe("Already counted in your team's total for that day; this changes your own history.");
    await page.click('[data-testid=break-cancel]');
    await page.close();
    rig.setNow(null);
    // A day later the hour-long sign-in has expired: the server's 401 is the app's cue to renew it.
    expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
  }, 120_000);
});
