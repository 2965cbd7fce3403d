/**
 * Reminders that fit a workday, with a fake clock (no sleeps): the due banner stays in view
 * whatever the scroll position or tab; time away from the app counts as a break (the timer
 * restarts instead of nagging on return); a camera held by a meeting app is named as such, with
 * "remind me in 15 min".
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ensureFakeVideo } from '../fixtures/fake-camera';
import { acceptConsent } from './harness';
import { useAppRig } from './rig';

const rig = useAppRig({ video: ensureFakeVideo() });
const MONDAY_9 = new Date('2026-11-23T09:00:00+01:00');

async function openWithReminders(context: BrowserContext, viewport = { width: 1000, height: 600 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.clock.install({ time: MONDAY_9 });
  await page.goto(rig.server.url);
  await acceptConsent(page);
  await page.click('[data-testid=reminder-settings] summary');
  await page.check('[data-testid=reminders-enabled]');
  await page.click('[data-testid=reminders-save]');
  await page.waitForSelector('[data-testid=reminders-message]');
  return page;
}

const bannerInView = (page: Page) =>
  page.$eval('[data-testid=reminder-banner]', (el) => {
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= innerHeight && box.height > 0;
  });

describe('reminders that fit a workday', () => {
  it('the due banner stays visible when scrolled to the bottom and on every tab', async () => {
    const context = await rig.browser.newContext({ timezoneId: 'Europe/Stockholm' });
    const page = await openWithReminders(context);
    await page.evaluate(() => window.dispatchEvent(new Event('blur'))); // working elsewhere
    await page.clock.fastForward('46:00');
    await page.waitForSelector('[data-testid=reminder-banner][data-kind=due]');
    for (const tab of ['privacy', 'history', 'teams', 'play']) {
      await page.click(`[data-testid=nav-${tab}]`);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      expect(await page.evaluate(() => scrollY), tab).toBeGreaterThan(tab === 'privacy' || tab === 'play' ? 100 : -1);
      expect(await bannerInView(page), tab).toBe(true);
    }
    await context.close();
  });

  it('coming back after time away restarts the timer instead of a reminder', async () => {
    const context = await rig.browser.newContext({ timezoneId: 'Europe/Stockholm' });
    const page = await openWithReminders(context);
    // The app keeps focus but nobody touches it from 09:00: the user has left the desk.
    await page.clock.fastForward('47:00'); // 09:47, two minutes past the 09:45 break
    expect(await page.$('[data-testid=reminder-banner]')).toBeNull();
    await page.mouse.move(200, 200);
    await page.mouse.move(220, 220);
    await page.waitForSelector('[data-testid=natural-break]');
    expect(await page.$('[data-testid=reminder-banner]')).toBeNull();
    await page.evaluate(() => window.dispatchEvent(new Event('blur'))); // back at work in another app
    // The next break is an interval after the return, not before.
    await page.clock.fastForward('43:00'); // 10:30
    expect(await page.$('[data-testid=reminder-banner][data-kind=due]')).toBeNull();
    await page.clock.fastForward('03:00'); // 10:33, 45 min after 09:47 → due
    await page.waitForSelector('[data-testid=reminder-banner][data-kind=due]');
    await context.close();
  });

  it('a camera held by a meeting app is named, and "remind me in 15 min" brings the break back then', async () => {
    const context = await rig.browser.newContext({ timezoneId: 'Europe/Stockholm' });
    await context.addInitScript(() => {
      // What Chromium reports while another app holds the camera.
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Could not start video source', 'NotReadableError'));
    });
    const page = await openWithReminders(context);
    await page.evaluate(() => window.dispatchEvent(new Event('blur')));
    await page.clock.fastForward('46:00');
    await page.waitForSelector('[data-testid=reminder-banner][data-kind=due]');
    await page.click('[data-testid=reminder-start]');
    await page.waitForSelector('[data-testid=camera-busy]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid=camera-busy]')).toContain('probably a meeting');
    await page.click('[data-testid=remind-later]');
    await page.waitForSelector('[data-testid=remind-later-set]');
    await page.evaluate(() => window.dispatchEvent(new Event('blur')));
    await page.clock.fastForward('14:00');
    expect(await page.$('[data-testid=reminder-banner][data-kind=due]')).toBeNull();
    await page.clock.fastForward('01:30');
    await page.waitForSelector('[data-testid=reminder-banner][data-kind=due]');
    await context.close();
  });
});
