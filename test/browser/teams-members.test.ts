/**
 * The Teams page as an owner and a member see it, in two browser contexts against the real
 * server and the development sign-in: what a team of its size will see and when (the server's own
 * numbers), the invite inside its team with a code to read aloud, an invite link that names its
 * team before joining and says so plainly once replaced, and a challenge the owner adds showing
 * up for the member on reload and on coming back to the page (fetched from the network, never
 * from the service worker).
 */
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_CONTRIBUTORS, UPLOAD_WINDOW_DAYS } from '../../src/core/aggregates';
import { launchChromium, newContext, watchPageErrors } from './harness';
import { startSignInRig, type SignInRig } from './sign-in-rig';

let rig: SignInRig;
let browser: Browser;
const people = {} as Record<'alice' | 'bob', { page: Page; errors: string[] }>;
let inviteLink = '';

beforeAll(async () => {
  rig = await startSignInRig({ accessTokenTtlSeconds: 3600 });
  browser = await launchChromium({ ignoreCertificateErrors: true });
  for (const name of ['alice', 'bob'] as const) {
    const page = await (await newContext(browser)).newPage();
    people[name] = { page, errors: watchPageErrors(page) };
  }
});
afterAll(async () => {
  await browser?.close();
  await rig?.close();
});

const teamsPanel = (page: Page, status: string) => page.waitForSelector(`[data-testid=teams][data-auth=${status}]`, { timeout: 30_000 });

async function signIn(page: Page, username: string): Promise<void> {
  await page.click('[data-testid=sign-in-microsoft]');
  await page.waitForURL((url) => url.href.startsWith(rig.idp().issuer), { timeout: 30_000 });
  await page.click(`button[name=username][value=${username}]`);
  await teamsPanel(page, 'signed-in');
}

/** Challenge goals shown in the open team this week. */
const goals = (page: Page) => page.$$eval('[data-testid=challenges-this] .challenge-goal', (items) => items.map((item) => item.textContent));

describe('the Teams page for an owner and a member', () => {
  it('says before creating a team what a team of its size will see and when, with the server’s numbers', async () => {
    const { page } = people.alice;
    await page.goto(rig.url);
    await page.click('[data-testid=nav-teams]');
    await teamsPanel(page, 'signed-out');
    await signIn(page, 'alice');
    expect(await page.textContent('[data-testid=create-team-rules]')).toBe(
      `Team totals appear only for days when at least ${MIN_CONTRIBUTORS} people took part, ${UPLOAD_WINDOW_DAYS} days after the day ends; ` +
        `a week’s total is complete ${UPLOAD_WINDOW_DAYS} days after the week ends. A team of fewer than ${MIN_CONTRIBUTORS} members gets no totals at all.`,
    );
  });

  it('the new team opens with its invite inside it: named, a code to read aloud, a link', async () => {
    const { page } = people.alice;
    await page.fill('[data-testid=create-team] input[name=team-name]', 'Walkers');
    await page.click('[data-testid=create-team] button[type=submit]');
    const card = '[data-testid=team-detail] [data-testid=invite-card]';
    await page.waitForSelector(card);
    expect(await page.textContent(`${card} h5`)).toBe('Invite people to “Walkers”');
    const code = (await page.textContent(`${card} [data-testid=invite-code]`)) ?? '';
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    inviteLink = await page.inputValue(`${card} [data-testid=invite-link]`);
    expect(inviteLink).toBe(`${rig.url}?join=${code}`);
    // A team of one: no totals until four more join.
    expect(await page.textContent('[data-testid=team-too-small]')).toBe(
      `This team has 1 of the ${MIN_CONTRIBUTORS} members it needs for totals: until ${MIN_CONTRIBUTORS - 1} more join, it gets no totals and challenges show no progress.`,
    );
    // Nothing on the page is a raw code or an API path.
    expect(await page.textContent('[data-testid=teams]')).not.toMatch(/\/api\/|[a-z]+-[a-z]+-[a-z]+|undefined|\{\w+\}/);
  });

  it('the member opens the link: it names the team before joining, and joining takes one click', async () => {
    const { page } = people.bob;
    await page.goto(inviteLink);
    await teamsPanel(page, 'signed-out');
    expect(await page.textContent('[data-testid=invite-pending]')).toContain('Sign in to see which team it is and to join.');
    await signIn(page, 'bob');
    await page.waitForSelector('[data-testid=invite-pending][data-state=ready]');
    expect(await page.textContent('[data-testid=invite-team]')).toBe('You are invited to join “Walkers”.');
    expect(await page.textContent('[data-testid=invite-team-size]')).toBe('1 member');
    expect(await page.textContent('[data-testid=accept-invite]')).toBe('Join “Walkers”');
    await page.click('[data-testid=accept-invite]');
    await expect.poll(() => page.textContent('[data-testid=teams-notice]')).toBe('You joined “Walkers”.');
    await page.waitForSelector('[data-testid=team-detail] [data-testid=challenges-this] [data-testid=no-challenges]');
    expect(await page.isVisible('[data-testid=invite-card]')).toBe(false);
  });

  it('a challenge the owner adds shows up for the member after a reload, fetched from the network', async () => {
    const owner = people.alice.page;
    await owner.click('[data-testid=team-list] .row button'); // Refresh: two members now
    await owner.click('[data-testid=challenge-create] summary');
    expect(await owner.textContent('[data-testid=challenge-rules]')).toBe(
      `Progress counts only days when at least ${MIN_CONTRIBUTORS} people took part, each ${UPLOAD_WINDOW_DAYS} days after it ends; ` +
        `the week’s result is final ${UPLOAD_WINDOW_DAYS} days after the week ends.`,
    );
    await expect.poll(() => owner.textContent('[data-testid=challenge-too-small]')).toContain(`This team has 2 of the ${MIN_CONTRIBUTORS} members`);
    await owner.click('[data-testid=challenge-submit]');
    await owner.waitForSelector('[data-testid=challenges-this] [data-testid=challenge]');

    const { page } = people.bob;
    const challengeAnswers: Response[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/challenges?week=')) challengeAnswers.push(response);
    });
    await page.reload();
    // The team that was open opens again, and its challenges come fresh from the server.
    await page.waitForSelector('[data-testid=challenges-this] [data-testid=challenge]');
    expect(await goals(page)).toEqual(['500 active minutes together this week']);
    expect(challengeAnswers.length).toBeGreaterThan(0);
    for (const answer of challengeAnswers) {
      expect(answer.fromServiceWorker()).toBe(false);
      expect(answer.headers()['cache-control']).toBe('no-store');
    }
  });

  it('and when the member comes back to the page, without a reload', async () => {
    const owner = people.alice.page;
    await owner.selectOption('[data-testid=challenge-create] select[name=metric]', 'reps');
    await owner.click('[data-testid=challenge-submit]');
    await expect.poll(() => owner.locator('[data-testid=challenges-this] [data-testid=challenge]').count()).toBe(2);

    const { page } = people.bob;
    expect(await goals(page)).toHaveLength(1);
    // What the browser fires when the tab is shown again.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect.poll(() => goals(page)).toEqual(['500 active minutes together this week', '1000 reps together this week']);
  });

  it('a replaced invite link says so in plain words', async () => {
    const owner = people.alice.page;
    await owner.click('[data-testid=rotate-invite]');
    await owner.click('[data-testid=rotate-invite-confirm]');
    await expect.poll(() => owner.inputValue('[data-testid=invite-link]')).not.toBe(inviteLink);

    const { page } = people.bob;
    await page.goto(inviteLink);
    await page.waitForSelector('[data-testid=invite-pending][data-state=gone]');
    expect(await page.textContent('[data-testid=invite-pending]')).toBe(
      'This invite link no longer works' +
        'The team’s owner may have made a new invite, which stops the old link, or the team was closed. Ask for a new link.' +
        'Close',
    );
  });

  it('in Swedish, with the same numbers', async () => {
    const { page } = people.alice;
    await page.evaluate(() => localStorage.setItem('microbreak.locale', 'sv'));
    await page.reload();
    await page.waitForSelector('[data-testid=team-detail] [data-testid=invite-card]');
    expect(await page.textContent('[data-testid=invite-card] h5')).toBe('Bjud in till ”Walkers”');
    expect(await page.textContent('[data-testid=create-team-rules]')).toBe(
      `Teamsummor visas bara för dagar då minst ${MIN_CONTRIBUTORS} personer var med, ${UPLOAD_WINDOW_DAYS} dagar efter att dagen slutat; ` +
        `veckans summa är klar ${UPLOAD_WINDOW_DAYS} dagar efter att veckan slutat. Ett team med färre än ${MIN_CONTRIBUTORS} medlemmar får inga summor alls.`,
    );
    expect(await page.textContent('[data-testid=team-too-small]')).toContain(`Teamet har 2 av de ${MIN_CONTRIBUTORS} medlemmar`);
  });

  it('logged no page errors', () => {
    // The replaced link's 404 is the answer the page explains, not an error of the page.
    const expected = (line: string) => line.includes('status of 404');
    for (const { errors } of Object.values(people)) expect(errors.filter((e) => !expected(e)), errors.join('\n')).toEqual([]);
  });
});
