/**
 * "Install app" is offered after the first finished break, not before. Chromium fires a real
 * beforeinstallprompt in a persistent (non-incognito) profile when its engagement check is bypassed
 * (--bypass-app-banner-engagement-checks), so nothing is faked: the fake camera tilts the photo
 * like a side bend, which plays a real break. The Play tab then returns to the game list.
 * "Ready to work offline" is said once and then gets out of the way (fake clock).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLeaningVideo } from '../fixtures/fake-camera';
import { acceptConsent, launchChromium, launchPersistentChromium, serveBuild, watchPageErrors, type RunningServer } from './harness';

let server: RunningServer;
let context: BrowserContext;
const profile = mkdtempSync(join(tmpdir(), 'microbreak-install-'));
beforeAll(async () => {
  server = await serveBuild();
  context = await launchPersistentChromium(profile, { video: ensureLeaningVideo(), args: ['--bypass-app-banner-engagement-checks'] });
});
afterAll(async () => {
  await context?.close();
  await server?.close();
  rmSync(profile, { recursive: true, force: true });
});

describe('install app', () => {
  it('is offered only once a break is finished, though the browser offered installing from the start', async () => {
    // Count Chromium's own install offers (the app takes them with preventDefault).
    await context.addInitScript(() => {
      const w = window as unknown as { __installOffers: number };
      w.__installOffers = 0;
      window.addEventListener('beforeinstallprompt', () => { w.__installOffers++; });
    });
    const page = await context.newPage();
    await page.setViewportSize({ width: 1000, height: 800 });
    const errors = watchPageErrors(page);
    await page.goto(`${server.url}?duration=20`);
    await acceptConsent(page);
    await page.waitForFunction(() => (window as unknown as { __installOffers: number }).__installOffers > 0, null, { timeout: 30_000 });
    expect(await page.locator('[data-testid=install]').count()).toBe(0);

    await page.click('[data-testid=game-side-bend]');
    await page.click('[data-testid=start]');
    await page.waitForSelector('[data-testid=save-state][data-state=saved]', { timeout: 90_000 });
    expect(await page.getAttribute('[data-testid=summary]', 'data-break')).toBe('yes');
    await page.waitForSelector('[data-testid=install]');
    expect(await page.textContent('[data-testid=install]')).toBe('Install app');
    // After a saved break too, the Play tab leads back to the game list (games.test.ts: after one not saved).
    await page.click('[data-testid=nav-play]');
    await page.waitForSelector('[data-testid=start]');
    expect(await page.locator('[data-testid=summary]').count()).toBe(0);

    // Still offered on the next visit: the break is stored.
    await page.reload();
    await page.waitForSelector('[data-testid=install]', { timeout: 30_000 });
    expect(errors).toEqual([]);
  });
});

describe('ready to work offline', () => {
  it('is shown when the app is first cached, and gone ten seconds later', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      await page.clock.install();
      await page.goto(server.url);
      await page.waitForSelector('[data-testid=offline-ready]', { timeout: 30_000 });
      expect(await page.textContent('[data-testid=offline-ready]')).toBe('Ready to work offline.');
      // Stop the clock about now (the note appeared at most a moment ago), then step it.
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
      await page.clock.fastForward('00:04');
      expect(await page.isVisible('[data-testid=offline-ready]')).toBe(true);
      await page.clock.fastForward('00:06');
      await page.waitForSelector('[data-testid=offline-ready]', { state: 'detached' });
    } finally {
      await browser.close();
    }
  });
});
