/** A camera that is refused or missing gets a clear message and a way forward, never a blank screen. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureEmptyRoomVideo, ensureFakeVideo } from '../fixtures/fake-camera';
import { acceptConsent, launchChromium, newContext, serveBuild, watchPageErrors, type RunningServer } from './harness';

let server: RunningServer;
beforeAll(async () => { server = await serveBuild(); });
afterAll(async () => { await server?.close(); });

describe('camera problems', () => {
  it('permission denied: explains how to allow it, camera stays off', async () => {
    const browser = await launchChromium({ video: ensureFakeVideo(), camera: 'deny' });
    try {
      const page = await (await newContext(browser)).newPage();
      const errors = watchPageErrors(page);
      await page.goto(server.url);
      await acceptConsent(page);
      await page.click('[data-testid=start]');
      await expect.poll(() => page.getAttribute('[data-testid=error]', 'data-code')).toBe('denied');
      expect(await page.textContent('[data-testid=error]')).toContain('Camera access was blocked');
      expect(await page.getAttribute('[data-testid=camera-indicator]', 'data-on')).toBe('false');
      // The pose worker started while the camera opened; it is terminated when the camera fails
      // (the browser reports the ended worker to the test a moment later, hence the poll).
      await expect.poll(() => page.workers().filter((w) => w.url().includes('pose.worker')).length, { timeout: 10_000 }).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('no camera at all: says so (in Swedish too)', async () => {
    const browser = await launchChromium({ camera: 'allow' });
    try {
      const context = await browser.newContext({ locale: 'sv-SE' });
      const page = await context.newPage();
      const errors = watchPageErrors(page);
      await page.goto(server.url);
      await acceptConsent(page);
      await page.click('[data-testid=start]');
      await expect.poll(() => page.getAttribute('[data-testid=error]', 'data-code')).toBe('not-found');
      expect(await page.textContent('[data-testid=error]')).toContain('Ingen kamera hittades');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('camera on only while someone plays', () => {
  it('turns the camera off when nobody is in view for a while', async () => {
    const browser = await launchChromium({ video: ensureEmptyRoomVideo() });
    try {
      const page = await (await newContext(browser)).newPage();
      await page.goto(`${server.url}?idle=3`);
      await acceptConsent(page);
      await page.click('[data-testid=start]');
      await expect.poll(() => page.getAttribute('[data-testid=camera-indicator]', 'data-on')).toBe('true');
      await page.waitForSelector('[data-testid=paused-empty]', { timeout: 30_000 });
      expect(await page.getAttribute('[data-testid=camera-indicator]', 'data-on')).toBe('false');
      expect(page.workers().filter((w) => w.url().includes('pose.worker'))).toHaveLength(0);
    } finally {
      await browser.close();
    }
  });
});
