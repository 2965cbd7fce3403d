/**
 * Issue 12, network, in the real page: the endpoint metadata names an Oblivious HTTP relay (the
 * real relay process), and the app's key list and upload go through it, encapsulated: the page
 * never sends the upload to the server directly, and what reaches the relay is ciphertext with
 * no cookie, Authorization or referrer.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayKeyFromSeed } from '../../src/core/ohttp';
import { freePort, startRelay, type RelayProcess } from '../../server/testing/relay';
import { launchChromium, localToday, readStore, watchPageErrors, writeStore } from './harness';
import { addColleagues, atNextNoon, signIn, startSignInRig, type SignInRig } from './sign-in-rig';

let rig: SignInRig;
let relay: RelayProcess;
let relayUrl: string;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  relayUrl = `http://127.0.0.1:${await freePort()}/`;
  const key = await gatewayKeyFromSeed(5, new Uint8Array(randomBytes(32)));
  rig = await startSignInRig({ accessTokenTtlSeconds: 3600, ohttp: { key, relayUrl, keysUrl: new URL('/ohttp-keys', relayUrl).href } });
  relay = await startRelay({ GATEWAY_URL: `http://127.0.0.1:${rig.port}/gateway`, RELAY_PORT: new URL(relayUrl).port, RELAY_ALLOW_ORIGINS: new URL(rig.url).origin });
  browser = await launchChromium({ ignoreCertificateErrors: true });
  context = await browser.newContext({ viewport: { width: 1000, height: 800 }, timezoneId: 'Europe/Stockholm', locale: 'en-GB' });
  await context.addCookies([{ name: 'tracking', value: 'would-identify-you', url: rig.url }]);
});
afterAll(async () => {
  await browser?.close();
  relay?.stop();
  await rig?.close();
});

interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
}

/** Every request of the context (read at once: pages close): to the relay, and anonymous ones to the server directly. */
function watch(target: BrowserContext): { relay: Seen[]; direct: Seen[] } {
  const seen = { relay: [] as Seen[], direct: [] as Seen[] };
  target.on('request', (request: Request) => {
    const url = new URL(request.url());
    const list = url.origin === new URL(relayUrl).origin ? seen.relay : ['/api/contributions', '/api/token-keys'].includes(url.pathname) ? seen.direct : null;
    if (!list) return;
    void request.allHeaders().then(
      (headers) => list.push({ method: request.method(), path: url.pathname, headers, body: request.postDataBuffer() }),
      () => list.push({ method: request.method(), path: url.pathname, headers: request.headers(), body: request.postDataBuffer() }),
    );
  });
  return seen;
}

describe('uploads through the OHTTP relay', () => {
  it('the key list and the upload go through the relay, never directly', async () => {
    const seen = watch(context);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.clock.install();
    await page.clock.resume();
    await page.goto(rig.url);
    // The Privacy page checks the endpoint: its metadata names the relay, which the app remembers.
    await page.click('[data-testid=nav-privacy]');
    await page.waitForSelector('[data-testid=upload-relay]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid=upload-relay]')).toContain(new URL(relayUrl).host);

    await signIn(page, rig);
    await page.fill('[data-testid=create-team] input[name=team-name]', 'Relayed climbers');
    await page.click('[data-testid=create-team] button[type=submit]');
    await page.waitForSelector('[data-testid=team]');
    const teamId = (await page.getAttribute('[data-testid=team]', 'data-team-id')) as string;
    await addColleagues(rig.db, teamId);
    // The page's own clock goes back to this UTC day's morning (UTC and Stockholm share the date),
    // so fast-forwarding to the random moments below never crosses midnight, whenever the test runs.
    await page.clock.setSystemTime(new Date(`${new Date().toISOString().slice(0, 10)}T07:00:00Z`));
    await page.reload();
    await page.click('[data-testid=nav-teams]');
    // The key list (fetched through the relay at its random moment) and then the tokens.
    await expect.poll(async () => {
      await page.clock.fastForward('05:00');
      return (await readStore(page, 'tokens')).length;
    }, { timeout: 90_000, interval: 500 }).toBe(7);

    const today = await localToday(page);
    await writeStore(page, 'sessions', [{ id: 'relay-test', game: 'squats', startedAt: await page.evaluate(() => Date.now()), date: today, durationSeconds: 120, reps: 12, activeSeconds: 120, movementPoints: 321, seed: 1 }]);
    await rig.db.query('UPDATE issuance_counts SET people = people + 4 WHERE team_id = $1', [teamId]);
    await page.close();

    // The next day: the upload goes at its own moment, through the relay.
    const next = await context.newPage();
    const nextErrors = watchPageErrors(next);
    await atNextNoon(next, rig, today);
    await next.goto(rig.url);
    await next.click('[data-testid=nav-privacy]');
    await expect.poll(async () => {
      await next.clock.fastForward('15:00');
      return (await readStore(next, 'uploads')).find((u) => u.day === today)?.state;
    }, { timeout: 90_000, interval: 500 }).toBe('sent');
    const sums = await rig.db.query('SELECT team_id, contributors, reps::int AS r, movement_points::int AS p FROM aggregate_sums WHERE day = $1::date', [today]);
    expect(sums).toEqual([{ team_id: teamId, contributors: 1, r: 12, p: 321 }]);

    expect(seen.direct.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const posts = seen.relay.filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThanOrEqual(3); // metadata checks, the key list, the upload
    const body = String((await readStore(next, 'uploads')).find((u) => u.day === today)?.body);
    for (const request of posts) {
      const headers = request.headers;
      expect(headers['content-type']).toBe('message/ohttp-req');
      expect(headers.cookie).toBeUndefined();
      expect(headers.authorization).toBeUndefined();
      expect(headers.referer ?? '').toBe('');
      // Ciphertext: the upload's bytes never appear in what the relay receives.
      expect((request.body ?? Buffer.alloc(0)).includes(Buffer.from(body.slice(10, 60)))).toBe(false);
    }
    expect(relay.output()).toBe('');
    await next.close();
    // The next day yesterday's access token is too old: the server refuses the signed-in calls (401), nothing else fails.
    expect([...errors, ...nextErrors.filter((e) => !e.includes('status of 401'))]).toEqual([]);
    rig.setNow(null);
  }, 240_000);
});
