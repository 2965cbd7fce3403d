/**
 * Team challenges end to end: the owner signs in with the development provider, makes a team,
 * adds challenges and sees them with the status that applies on the real clock (no day of this
 * week published yet: "first results from …" until Friday, then "waiting for at least 5
 * participants", since nobody uploads here), plus the team's week panel; in English and Swedish.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysOfIsoWeek, isoWeekOf } from '../../src/core/calendar';
import { UPLOAD_WINDOW_DAYS } from '../../src/core/aggregates';
import { launchChromium, newContext, watchPageErrors } from './harness';
import { startSignInRig, type SignInRig } from './sign-in-rig';

let rig: SignInRig;
let browser: Browser;
let page: Page;
let errors: string[] = [];

beforeAll(async () => {
  rig = await startSignInRig({ accessTokenTtlSeconds: 3600 });
  browser = await launchChromium({ ignoreCertificateErrors: true });
  const context = await newContext(browser);
  page = await context.newPage();
  errors = watchPageErrors(page);
});
afterAll(async () => {
  await browser?.close();
  await rig?.close();
});

/** What the server will say about this week on the real clock (its days are UTC days). */
function expectedThisWeek(): { status: 'not-yet' | 'waiting'; resultsFrom: string } {
  const today = new Date().toISOString().slice(0, 10);
  const monday = (daysOfIsoWeek(isoWeekOf(today)) as string[])[0];
  const resultsFrom = addDays(monday, UPLOAD_WINDOW_DAYS + 1);
  return { status: today >= resultsFrom ? 'waiting' : 'not-yet', resultsFrom };
}

const teamsPanel = (status: string) => page.waitForSelector(`[data-testid=teams][data-auth=${status}]`, { timeout: 30_000 });

async function openTeam(): Promise<void> {
  await page.click('[data-testid=team] button');
  await page.waitForSelector('[data-testid=team-detail] [data-testid=challenges-this]');
}

describe('team challenges', () => {
  it('the owner signs in and makes a team; it has no challenge yet', async () => {
    await page.goto(rig.url);
    await page.click('[data-testid=nav-teams]');
    await teamsPanel('signed-out');
    await page.click('[data-testid=sign-in-microsoft]');
    await page.waitForURL((url) => url.href.startsWith(rig.idp().issuer), { timeout: 30_000 });
    await page.click('button[name=username][value=alice]');
    await teamsPanel('signed-in');
    await page.fill('[data-testid=create-team] input[name=team-name]', 'Stretchers');
    await page.click('[data-testid=create-team] button[type=submit]');
    await page.waitForSelector('[data-testid=team]');
    await openTeam();
    expect(await page.textContent('[data-testid=challenges-this] [data-testid=no-challenges]')).toContain('No challenge this week yet');
    expect(await page.isVisible('[data-testid=challenges-next]')).toBe(false);
  });

  it('adds "500 active minutes together this week" and shows its state honestly', async () => {
    await page.click('[data-testid=challenge-create] summary');
    // The suggested target for active minutes, the team together, this week.
    expect(await page.inputValue('[data-testid=challenge-create] input[name=goal]')).toBe('500');
    await page.click('[data-testid=challenge-submit]');
    const item = '[data-testid=challenges-this] [data-testid=challenge]';
    await page.waitForSelector(item);
    const expected = expectedThisWeek();
    expect(await page.getAttribute(item, 'data-status')).toBe(expected.status);
    expect(await page.textContent(`${item} .challenge-goal`)).toBe('500 active minutes together this week');
    const status = await page.textContent(`${item} [data-testid=challenge-status]`);
    if (expected.status === 'waiting') {
      expect(status).toBe('Waiting for at least 5 participants');
    } else {
      const day = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${expected.resultsFrom}T00:00:00Z`));
      expect(status).toBe(`First results from ${day}: each day is counted 3 days after it ends.`);
    }
    // An accessible progress bar: nothing counted yet.
    const bar = page.locator(`${item} [role=progressbar]`);
    expect(await bar.getAttribute('aria-valuenow')).toBe('0');
    expect(await bar.getAttribute('aria-valuemax')).toBe('500');
    expect(await bar.getAttribute('aria-valuetext')).toBe(status);
    expect(await page.locator(`${item} [role=progressbar]`).evaluate((el) => document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent)).toBe(
      '500 active minutes together this week',
    );

    // The week panel: nothing is published for a team nobody uploaded to.
    await page.waitForSelector('[data-testid=week-total]');
    const total = await page.textContent('[data-testid=week-total]');
    expect(await page.getAttribute('[data-testid=week-total]', 'data-published')).toBe('false');
    if (expected.status === 'waiting') {
      expect(total).toContain('fewer than 5 participants');
      expect(await page.textContent('[data-testid=week-comparison]')).toContain('needs at least 10 participants');
    } else {
      expect(total).toContain('Results appear 3 days after each day');
      expect(await page.isVisible('[data-testid=week-comparison]')).toBe(false);
    }
    // Last week: every day has closed, none with 5 participants.
    await page.click('[data-testid=week-last]');
    await page.waitForSelector(`[data-testid=week-panel][data-week="${isoWeekOf(addDays(new Date().toISOString().slice(0, 10), -7))}"] [data-testid=week-total]`);
    expect(await page.textContent('[data-testid=week-total]')).toContain('fewer than 5 participants');
    expect(await page.getAttribute('[data-testid=week-last]', 'aria-pressed')).toBe('true');
  });

  it('adds a per-participant challenge for next week with the keyboard, and deletes it', async () => {
    await page.focus('[data-testid=challenge-create] select[name=kind]');
    await page.selectOption('[data-testid=challenge-create] select[name=kind]', 'per-participant-day');
    expect(await page.inputValue('[data-testid=challenge-create] input[name=goal]')).toBe('10');
    await page.selectOption('[data-testid=challenge-create] select[name=week]', { label: 'Next week' });
    await page.focus('[data-testid=challenge-submit]');
    await page.keyboard.press('Enter');
    const next = '[data-testid=challenges-next] [data-testid=challenge]';
    await page.waitForSelector(next);
    expect(await page.textContent(`${next} .challenge-goal`)).toBe('10 active minutes per participant a day');
    expect(await page.getAttribute(next, 'data-status')).toBe('not-yet');
    expect(await page.getAttribute(`${next} [data-testid=challenge-delete]`, 'aria-label')).toBe('Delete the challenge “10 active minutes per participant a day”');
    await page.click(`${next} [data-testid=challenge-delete]`);
    await page.waitForSelector('[data-testid=challenges-next]', { state: 'detached' });
    expect(await page.locator('[data-testid=challenges-this] [data-testid=challenge]').count()).toBe(1);
  });

  it('in Swedish', async () => {
    await page.evaluate(() => localStorage.setItem('microbreak.locale', 'sv'));
    await page.reload();
    await page.click('[data-testid=nav-teams]');
    await teamsPanel('signed-in');
    await page.waitForSelector('[data-testid=team]');
    await openTeam();
    const item = '[data-testid=challenges-this] [data-testid=challenge]';
    await page.waitForSelector(item);
    expect(await page.textContent(`${item} .challenge-goal`)).toBe('500 aktiva minuter tillsammans den här veckan');
    const status = await page.textContent(`${item} [data-testid=challenge-status]`);
    if (expectedThisWeek().status === 'waiting') expect(status).toBe('Väntar på minst 5 deltagare');
    else expect(status).toMatch(/^Första resultaten från .+: varje dag räknas 3 dagar efter att den slutat\.$/);
  });

  it('logged no page errors', () => {
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
