/**
 * The installable-PWA promises: after one online visit the app and the model work offline, and a
 * new version announces itself but never reloads in the middle of a game.
 */
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFakeVideo, repoRoot } from '../fixtures/fake-camera';
import { acceptConsent, launchChromium, newContext, serveBuild, waitForPoses, watchPageErrors, type RunningServer } from './harness';

let browser: Browser;
beforeAll(async () => { browser = await launchChromium({ video: ensureFakeVideo() }); });
afterAll(async () => { await browser?.close(); });

/** Loads the app and waits until its service worker is active and controls the page. */
async function loadControlled(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await acceptConsent(page);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // The first visit is not controlled (we do not claim clients mid-visit); the next load is.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

describe('installable PWA', () => {
  it('serves a manifest Chromium accepts as installable, with name, icons and theme', async () => {
    const server = await serveBuild();
    try {
      const page = await (await newContext(browser)).newPage();
      await page.goto(server.url);
      const manifest = await page.evaluate(async () => {
        const href = document.querySelector('link[rel=manifest]')!.getAttribute('href')!;
        return (await fetch(href)).json();
      });
      expect(manifest.short_name).toBe('Microbreak');
      expect(manifest.theme_color).toBe('#0f1a2b');
      const cdp = await page.context().newCDPSession(page);
      const { errors } = (await cdp.send('Page.getAppManifest')) as { errors: Array<{ message: string }> };
      expect(errors).toEqual([]);
      const icon = await page.evaluate(async () => (await fetch('/icons/icon-512.png')).headers.get('content-type'));
      expect(icon).toBe('image/png');
      await page.context().close();
    } finally {
      await server.close();
    }
  });

  it('opens and tracks offline after one online visit', async () => {
    const server = await serveBuild();
    try {
      const context = await newContext(browser);
      const page = await context.newPage();
      const errors = watchPageErrors(page);
      await loadControlled(page, server.url);
      await context.setOffline(true);
      await page.reload();
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
      await page.click('[data-testid=start]');
      await waitForPoses(page, 10);
      expect(await page.evaluate(() => (window as unknown as { __microbreak: { backend: string } }).__microbreak.backend)).toBe('wasm');
      expect(errors.filter((e) => !e.includes('net::ERR_INTERNET_DISCONNECTED'))).toEqual([]);
      await context.close();
    } finally {
      await server.close();
    }
  });

  it('announces a waiting update, never offers to reload during a game, and applies it afterwards', async () => {
    // A private copy of the build, so this test can publish a "new version" of sw.js.
    const root = await mkdtemp(join(tmpdir(), 'microbreak-dist-'));
    await cp(join(repoRoot, 'dist'), root, { recursive: true });
    const server = await serveBuild(root);
    try {
      const context = await newContext(browser);
      const page = await context.newPage();
      await loadControlled(page, server.url);
      await page.click('[data-testid=start]');
      await waitForPoses(page, 3);

      await appendFile(join(root, 'sw.js'), '\n// a new release\n');
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
      const banner = page.locator('[data-testid=update-banner]');
      await banner.waitFor({ timeout: 30_000 });
      // Mid-game: the banner says it will wait; there is no button that would reload.
      expect(await banner.locator('button').count()).toBe(0);
      await waitForPoses(page, (await page.evaluate(() => (window as unknown as { __microbreak: { posesReceived: number } }).__microbreak.posesReceived)) + 5);

      await page.click('[data-testid=stop]');
      const navigation = page.waitForEvent('framenavigated');
      await banner.locator('button').click();
      await navigation;
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await expect.poll(() => page.locator('[data-testid=update-banner]').count()).toBe(0);
      await context.close();
    } finally {
      await server.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
