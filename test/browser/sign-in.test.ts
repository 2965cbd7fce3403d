/**
 * Sign-in and teams end to end (docs/design.md §6): msal-browser's redirect flow through the development
 * provider (a real oidc-provider on https://localhost) in headless Chromium, against our real server
 * and database. Two people in two browser contexts make, join, list and leave a team; a token is
 * renewed silently; a dead sign-in is asked for again without losing what was typed; an account is
 * deleted.
 */
import { readFile } from 'node:fs/promises';
import { base64url } from 'jose';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, watchPageErrors } from './harness';
import { startSignInRig, type SignInRig } from './sign-in-rig';

/** Mirrors TOKEN_RENEWAL_OFFSET_S in src/app/auth/msal.ts: MSAL renews tokens this long before expiry. */
const RENEWAL_OFFSET_S = 120;
/** Each access token is "fresh" for only this long, so renewal happens within the test. */
const FRESH_S = 8;
/** MSAL judges freshness by the page's clock: jumping alice's clock past FRESH_S stands in for waiting. */
const staleToken = (page: Page) => page.clock.fastForward((FRESH_S + 1) * 1000);

let rig: SignInRig;
let browser: Browser;
const people: Record<'alice' | 'bob', { context: BrowserContext; page: Page; errors: string[] }> = {} as never;
let inviteLink = '';

beforeAll(async () => {
  rig = await startSignInRig({ accessTokenTtlSeconds: RENEWAL_OFFSET_S + FRESH_S });
  browser = await launchChromium({ ignoreCertificateErrors: true });
  for (const name of ['alice', 'bob'] as const) {
    const context = await newContext(browser);
    if (name === 'alice') await context.clock.install(); // a clock that runs, and that staleToken moves on
    if (name === 'alice') await context.clock.resume();
    const page = await context.newPage();
    people[name] = { context, page, errors: watchPageErrors(page) };
  }
});
afterAll(async () => {
  await browser?.close();
  await rig?.close();
});

const teams = (page: Page, status: string) => page.waitForSelector(`[data-testid=teams][data-auth=${status}]`, { timeout: 30_000 });

async function atProvider(page: Page): Promise<void> {
  await page.waitForURL((url) => url.href.startsWith(rig.idp().issuer), { timeout: 30_000 });
  expect(await page.textContent('body')).toContain('Development sign-in');
}

/** Picks a test user on the provider's login page and waits until the app has them signed in. */
async function pickUser(page: Page, username: string): Promise<void> {
  await atProvider(page);
  await page.click(`button[name=username][value=${username}]`);
  await teams(page, 'signed-in');
  expect(await page.textContent('[data-testid=signed-in-as]')).toContain(`${username}@dev.localhost`);
}

function tokenRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (request) => {
    // MSAL adds ?client-request-id=… to the token endpoint.
    if (request.url().startsWith(`${rig.idp().issuer}/token`)) seen.push(request);
  });
  return seen;
}

describe('sign-in and teams', () => {
  it('signs in through the development provider with a redirect; the page stays cross-origin isolated', async () => {
    const { page } = people.alice;
    const bridge: Array<Record<string, string>> = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/redirect.html') bridge.push(response.headers());
    });
    await page.goto(rig.url);
    await page.click('[data-testid=nav-teams]');
    await teams(page, 'signed-out');
    expect(await page.textContent('[data-testid=sign-in] h3')).toBe('Sign in to join your team');
    expect(await page.textContent('[data-testid=dev-sign-in-label]')).toContain('Development sign-in');
    for (const provider of ['microsoft', 'apple', 'google']) expect(await page.isVisible(`[data-testid=sign-in-${provider}]`)).toBe(true);

    // Keyboard: the provider buttons are reachable with Tab and pressed with Enter.
    await page.focus('[data-testid=sign-in-apple]');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('sign-in-microsoft');
    await page.focus('[data-testid=sign-in-google]');
    await page.keyboard.press('Enter');
    await atProvider(page);
    // The button's domain_hint reached the provider.
    expect(new URL(page.url()).pathname).toMatch(/^\/interaction\//);
    expect(await page.textContent('body')).toContain('Google');
    await pickUser(page, 'alice');

    expect(bridge.length).toBeGreaterThan(0);
    // Same COOP as the app: without it the bridge's hand-over in sessionStorage is lost (security-headers.ts).
    expect(bridge[0]['cross-origin-opener-policy']).toBe('same-origin');
    expect(bridge[0]['cache-control']).toBe('no-store');
    expect(bridge[0]['content-security-policy']).toMatch(/script-src 'self'[^;]* 'wasm-unsafe-eval'/);
    expect(bridge[0]['content-security-policy']).toContain(`connect-src 'self' ${rig.idp().issuer}`);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(new URL(page.url()).hash).toBe('');
    await page.waitForSelector('[data-testid=no-teams]');
  });

  it('creates a team and shows its invite link and code', async () => {
    const { page } = people.alice;
    await page.fill('[data-testid=create-team] input[name=team-name]', 'Lunch walkers');
    await page.click('[data-testid=create-team] button[type=submit]');
    await page.waitForSelector('[data-testid=invite-link]');
    inviteLink = await page.inputValue('[data-testid=invite-link]');
    const code = (await page.textContent('[data-testid=invite-code]')) ?? '';
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(inviteLink).toBe(`${rig.url}?join=${code}`);
    expect(await page.textContent('[data-testid=teams-notice]')).toContain('Lunch walkers');
    expect(await page.textContent('[data-testid=team]')).toContain('Lunch walkers');
  });

  it('a second person opens the invite link, signs in first, and joins', async () => {
    const { page } = people.bob;
    await page.goto(inviteLink);
    await teams(page, 'signed-out');
    await page.waitForSelector('[data-testid=invite-pending]');
    await page.click('[data-testid=sign-in-microsoft]');
    await pickUser(page, 'bob');
    // Back on the invite link: the invitation names its team, and joining takes one click.
    expect(page.url()).toBe(inviteLink);
    await page.waitForSelector('[data-testid=invite-pending][data-state=ready]');
    expect(await page.textContent('[data-testid=invite-team]')).toBe('You are invited to join “Lunch walkers”.');
    expect(await page.textContent('[data-testid=invite-team-size]')).toBe('1 member');
    await page.click('[data-testid=accept-invite]');
    await expect.poll(() => page.textContent('[data-testid=teams-notice]')).toContain('You joined “Lunch walkers”');
    expect(new URL(page.url()).search).toBe('');
    const members = await page.$$eval('[data-testid=member]', (items) => items.map((li) => [li.getAttribute('data-you'), li.getAttribute('data-role')]));
    expect(members).toEqual([['false', 'owner'], ['true', 'member']]);
    expect(await page.isVisible('[data-testid=invite-card]')).toBe(false);
  });

  it('the owner lists the members, with the owner actions', async () => {
    const { page } = people.alice;
    await page.click('[data-testid=team] button');
    await page.waitForSelector('[data-testid=team-detail]');
    // The team is open since it was made; showing it again fetches the new member.
    await expect.poll(() => page.locator('[data-testid=member]').count()).toBe(2);
    const labels = await page.$$eval('[data-testid=member]', (items) => items.map((li) => li.textContent));
    expect(labels).toHaveLength(2);
    expect(labels[0]).toContain('you');
    expect(labels[1]).toContain('member 2');
    expect(await page.isVisible('[data-testid=team-detail] [data-testid=invite-card]')).toBe(true);
    expect(await page.getAttribute('[data-testid=member][data-you=false] button', 'aria-label')).toBe('Remove member 2 from the team');
  });

  it('offline: opens signed in, shows the teams as last seen, and says that changes need a connection', async () => {
    const { page, context } = people.alice;
    await context.setOffline(true);
    try {
      await page.reload();
      await teams(page, 'signed-in');
      await page.waitForSelector('[data-testid=teams-problem][data-kind=offline]');
      expect(await page.textContent('[data-testid=team-list]')).toContain('Offline: showing your teams as last seen');
      expect(await page.textContent('[data-testid=team]')).toContain('Lunch walkers');
    } finally {
      await context.setOffline(false);
    }
    await page.click('[data-testid=team-list] .row button');
    await expect.poll(() => page.textContent('[data-testid=team-list]')).not.toContain('Offline');
    expect(await page.isVisible('[data-testid=teams-problem]')).toBe(false);
  });

  it('renews the access token silently with the refresh token (no trip to the provider)', async () => {
    const { page } = people.alice;
    const tokens = tokenRequests(page);
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    await staleToken(page);
    await page.click('[data-testid=team-list] .row button');
    await expect.poll(() => tokens.length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(tokens[0].postData()).toContain('grant_type=refresh_token');
    expect((await tokens[0].response())?.status()).toBe(200);
    await expect.poll(() => page.locator('[data-testid=team]').count()).toBe(1);
    expect(await page.isVisible('[data-testid=teams-problem]')).toBe(false);
    expect(navigations).toEqual([]);
  });

  it('the API answers 401 with a clear body to a tampered or foreign real token, 200 to the real one', async () => {
    const { page } = people.alice;
    const authorization = new Promise<string>((resolve) =>
      page.on('request', (request) => {
        if (request.url().endsWith('/api/me') && request.headers().authorization) resolve(request.headers().authorization);
      }),
    );
    await page.click('[data-testid=team-list] .row button');
    const real = (await authorization).replace(/^Bearer /, '');
    const me = (token: string) => fetch(`${rig.url}api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await me(real)).status).toBe(200);

    const [header, payload, signature] = real.split('.');
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as Record<string, unknown>;
    expect(claims).toMatchObject({ iss: rig.idp().issuer, aud: rig.idp().audience, scope: 'teams', sub: 'dev-user-alice' });
    const tamper = (patch: Record<string, unknown>) => `${header}.${base64url.encode(JSON.stringify({ ...claims, ...patch }))}.${signature}`;

    const forged = await me(tamper({ sub: 'dev-user-bob' }));
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(await forged.json()).toEqual({ error: 'invalid-token', message: 'The access token signature is not valid.' });
    const expired = await me(tamper({ exp: Math.floor(Date.now() / 1000) - 3600 }));
    expect(expired.status).toBe(401);
    expect((await expired.json()).error).toBe('invalid-token'); // the signature fails first: no claim is trusted unsigned
  });

  it('the second person leaves the team; the owner then sees one member', async () => {
    const { page } = people.bob;
    await page.click('[data-testid=leave]');
    await page.click('[data-testid=leave-confirm]');
    await expect.poll(() => page.textContent('[data-testid=teams-notice]'), { timeout: 15_000 }).toContain('You left “Lunch walkers”');
    await page.waitForSelector('[data-testid=no-teams]');
    const alice = people.alice.page;
    await alice.click('[data-testid=team] button');
    // The list is fetched again; on a busy machine that takes longer than expect.poll's 1 s default.
    await expect.poll(() => alice.locator('[data-testid=member]').count(), { timeout: 15_000 }).toBe(1);
  });

  it('signs out through the provider and comes back signed out', async () => {
    const { page } = people.bob;
    await page.click('[data-testid=sign-out]');
    await atProvider(page);
    await page.click('button[name=logout][value=yes]');
    await teams(page, 'signed-out');
    expect(await page.isVisible('[data-testid=signed-in-as]')).toBe(false);
  });

  it('a cancelled sign-in comes back signed out, saying so', async () => {
    const { page } = people.bob;
    await page.click('[data-testid=sign-in-apple]');
    await atProvider(page);
    await page.click('button:has-text("Cancel")');
    await teams(page, 'signed-out');
    expect(await page.getAttribute('[data-testid=auth-problem]', 'data-problem')).toBe('cancelled');
    expect(await page.textContent('[data-testid=auth-problem]')).toContain('Sign-in was cancelled.');
  });

  it('when the provider forgot the sign-in, asks again and keeps what was typed', async () => {
    const { page } = people.alice;
    await rig.restartIdpForgettingSessions();
    await staleToken(page);
    await page.fill('[data-testid=create-team] input[name=team-name]', 'Stretch club');
    await page.click('[data-testid=create-team] button[type=submit]');
    await teams(page, 'renew-needed');
    expect(await page.textContent('[data-testid=sign-in-again]')).toContain('alice@dev.localhost');
    await page.click('[data-testid=sign-in-again]');
    await pickUser(page, 'alice');
    expect(await page.inputValue('[data-testid=create-team] input[name=team-name]')).toBe('Stretch club');
    await expect.poll(() => page.locator('[data-testid=team]').count()).toBe(1);
  });

  it('deletes the account after a confirmation and is signed out', async () => {
    const { page } = people.alice;
    await page.click('[data-testid=delete-account] summary');
    await page.click('[data-testid=delete-account-start]');
    await page.click('[data-testid=delete-account-confirm]');
    await teams(page, 'signed-out');
    expect(await page.textContent('[data-testid=teams-notice]')).toContain('Your account was deleted');
    const stored = await rig.db.query<{ n: number }>('SELECT count(*)::int AS n FROM people');
    expect(stored[0].n).toBe(1); // only bob is left
    const openTeams = await rig.db.query<{ n: number }>('SELECT count(*)::int AS n FROM teams');
    expect(openTeams[0].n).toBe(0);
  });

  /** A browser restart: persistent cookies and localStorage survive, session cookies do not. */
  async function restart(context: BrowserContext): Promise<{ context: BrowserContext; page: Page }> {
    const state = await context.storageState();
    await context.close();
    const next = await browser.newContext({
      viewport: { width: 1000, height: 800 },
      storageState: { cookies: state.cookies.filter((c) => c.expires > 0), origins: state.origins },
    });
    return { context: next, page: await next.newPage() };
  }

  it('with "Keep me signed in", the sign-in survives a browser restart (tokens kept, renewed silently)', async () => {
    const first = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const page = await first.newPage();
    await page.goto(rig.url);
    await page.click('[data-testid=nav-teams]');
    await teams(page, 'signed-out');
    await page.click('[data-testid=sign-in-microsoft]');
    await atProvider(page);
    await page.check('input[name=remember]');
    await pickUser(page, 'carol');
    await page.waitForSelector('[data-testid=no-teams]');

    const again = await restart(first);
    const tokens = tokenRequests(again.page);
    await again.page.goto(rig.url);
    await again.page.click('[data-testid=nav-teams]');
    await teams(again.page, 'signed-in');
    await again.page.waitForSelector('[data-testid=no-teams]');
    expect(again.page.url()).toBe(rig.url);
    expect(tokens.every((r) => r.postData()?.includes('grant_type=refresh_token'))).toBe(true);
    await again.context.close();
  });

  it('without it, a restart asks once more, as the account it knew, and nothing else is lost', async () => {
    const { page, context } = people.bob;
    await page.click('[data-testid=sign-in-google]');
    await pickUser(page, 'bob');
    const again = await restart(context);
    await again.page.goto(rig.url);
    await again.page.click('[data-testid=nav-teams]');
    await teams(again.page, 'renew-needed');
    expect(await again.page.textContent('[data-testid=sign-in-again]')).toBe('Continue as bob@dev.localhost');
    await again.page.click('[data-testid=sign-in-again]');
    await atProvider(again.page);
    await again.page.click('button[name=username][value=bob]');
    await teams(again.page, 'signed-in');
    await again.context.close();
  });

  it('export carries the server\'s data; erase everything also deletes the server account and ends the provider session', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(rig.url);
    await page.click('[data-testid=nav-teams]');
    await teams(page, 'signed-out');
    await page.click('[data-testid=sign-in-microsoft]');
    await pickUser(page, 'carol');
    await page.fill('[data-testid=create-team] input[name=team-name]', 'Carol crew');
    await page.click('[data-testid=create-team] button[type=submit]');
    await expect.poll(() => page.locator('[data-testid=team]').count()).toBe(1);

    await page.click('[data-testid=nav-privacy]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export]')]);
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(exported.server).toMatchObject({ format: 'microbreak-server-export/1', stored: true, memberships: [{ teamName: 'Carol crew', role: 'owner' }] });
    expect(exported.server.identity.issuer).toBe(rig.idp().issuer);

    await page.click('[data-testid=erase]');
    expect(await page.isChecked('[data-testid=erase-server]')).toBe(true);
    await page.click('[data-testid=erase-confirm]');
    await atProvider(page);
    await page.click('button[name=logout][value=yes]');
    await page.waitForSelector('[data-testid=consent]', { timeout: 30_000 }); // a first run again
    const left = await rig.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM teams WHERE name = 'Carol crew'`);
    expect(left[0].n).toBe(0);
    await context.close();
  });

  it('logged no page errors (but the refused refresh token and the offline requests above)', () => {
    // Chromium logs every failed fetch; the provider refusing the forgotten refresh token is expected.
    const refused = /Failed to load resource: the server responded with a status of 400/;
    expect(people.alice.errors.filter((e) => refused.test(e)).length).toBeLessThanOrEqual(1);
    const alice = people.alice.errors.filter((e) => !refused.test(e) && !e.includes('ERR_INTERNET_DISCONNECTED'));
    expect(alice, alice.join('\n')).toEqual([]);
    expect(people.bob.errors, people.bob.errors.join('\n')).toEqual([]);
  });
});
