/**
 * Break reminders in the browser, with a fake clock: the schedule's due time shows a system
 * notification whose click focuses the app and starts a game; without notification permission
 * the in-app banner does the same job.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ensureFakeVideo } from '../fixtures/fake-camera';
import { acceptConsent } from './harness';
import { useAppRig } from './rig';

const rig = useAppRig({ video: ensureFakeVideo() });

// Monday 23 November 2026, 09:00 in Stockholm: the start of a default working day.
const MONDAY_9 = new Date('2026-11-23T09:00:00+01:00');

async function openWithClock(context: BrowserContext): Promise<Page> {
  // Record every system notification the page creates (the real constructor still runs).
  await context.addInitScript(() => {
    const w = window as unknown as { __notes: Notification[] };
    w.__notes = [];
    const Real = window.Notification;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        w.__notes.push(this);
      }
    }
    Object.defineProperty(window, 'Notification', { value: Recorded, configurable: true, writable: true });
  });
  const page = await context.newPage();
  await page.clock.install({ time: MONDAY_9 });
  await page.goto(rig.server.url);
  await acceptConsent(page);
  await page.click('[data-testid=reminder-settings] summary');
  await page.check('[data-testid=reminders-enabled]');
  await page.click('[data-testid=reminders-save]');
  await page.waitForSelector('[data-testid=reminders-message]');
  // The user goes back to work in another window: not away, so the schedule runs as set.
  await workElsewhere(page);
  return page;
}

/** After answering a reminder the user returns to another app: the app loses focus (else a quiet, focused app reads as the user being away). */
const workElsewhere = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('blur')));

describe('break reminders', () => {
  it('a due break shows a notification; clicking it starts a game', async () => {
    const context = await rig.browser.newContext({ timezoneId: 'Europe/Stockholm', permissions: ['notifications'] });
    const page = await openWithClock(context);
    expect(await page.evaluate(() => Notification.permission)).toBe('granted');
    expect(await page.evaluate(() => (window as unknown as { __notes: unknown[] }).__notes.length)).toBe(0);

    await page.clock.fastForward('44:30'); // 09:44:30: inside the 60 s warning, nothing system-level yet
    await page.waitForSelector('[data-testid=reminder-banner][data-kind=warning]');
    expect(await page.evaluate(() => (window as unknown as { __notes: unknown[] }).__notes.length)).toBe(0);

    await page.clock.fastForward('01:00'); // 09:45:30: due
    await page.waitForSelector('[data-testid=reminder-banner][data-kind=due]');
    const note = await page.evaluate(() => {
      const n = (window as unknown as { __notes: Notification[] }).__notes;
      return { count: n.length, title: n[0]?.title, tag: n[0]?.tag };
    });
    expect(note).toEqual({ count: 1, title: 'Time for an active break', tag: 'microbreak-break' });

    await page.clock.resume(); // from here real time runs on, for the game
    await page.evaluate(() => (window as unknown as { __notes: Notification[] }).__notes[0].dispatchEvent(new Event('click')));
    await page.waitForSelector('[data-testid=hud]', { timeout: 30_000 });
    await expect.poll(() => page.getAttribute('[data-testid=camera-indicator]', 'data-on')).toBe('true');
    await context.close();
  });

  it('without notification permission the in-app banner reminds, and postpone is limited', async () => {
    const context = await rig.browser.newContext({ timezoneId: 'Europe/Stockholm' });
    const page = await openWithClock(context);
    expect(await page.evaluate(() => Notification.permission)).not.toBe('granted');
    expect(await page.textContent('[data-testid=reminders-message]')).toContain('inside the app only');

    await page.clock.fastForward('46:00');
    await page.waitForSelector('[data-testid=reminder-banner][data-kind=due]');
    expect(await page.evaluate(() => (window as unknown as { __notes: unknown[] }).__notes.length)).toBe(0);
    for (const left of [2, 1]) {
      await page.click(`text=In 10 min (${left} left)`);
      await workElsewhere(page);
      await page.clock.fastForward('10:30');
      await page.waitForSelector('[data-testid=reminder-banner][data-kind=due]');
    }
    expect(await page.locator('text=/In 10 min/').count()).toBe(0); // limit reached: take it or skip it
    await page.click('text=Skip this one');
    await workElsewhere(page);
    await expect.poll(() => page.locator('[data-testid=reminder-banner]').count()).toBe(0);

    await page.clock.fastForward('46:00');
    await page.waitForSelector('[data-testid=reminder-banner][data-kind=due]');
    await page.click('text=Pause until tomorrow');
    await page.waitForSelector('[data-testid=reminder-paused]');
    await context.close();
  });
});
