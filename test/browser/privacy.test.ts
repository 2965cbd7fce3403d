/**
 * Consent gates the camera, and the user's data rights work end to end: export → erase (a first
 * run again) → import restores the same history without duplicates; old history is purged.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, localDay } from '../../src/core/calendar';
import { ensureLeaningVideo } from '../fixtures/fake-camera';
import { acceptConsent, newContext, waitForPoses } from './harness';
import { useAppRig } from './rig';

// The photo leans like a side bend, so a played side-bend is a real break and is saved.
const rig = useAppRig({ video: ensureLeaningVideo() });

const cameraRequests = (page: Page) => page.evaluate(() => (window as unknown as { __gumCalls: number }).__gumCalls);

/** Plays one break (side-bend held on the leaning video; the page was opened with ?duration=20). */
async function playOnce(page: Page): Promise<string> {
  await page.click('[data-testid=game-side-bend]');
  await page.click('[data-testid=start]');
  await page.waitForSelector('[data-testid=save-state][data-state=saved]', { timeout: 60_000 });
  return (await page.textContent('[data-testid=summary-points]'))!;
}

async function openPrivacy(page: Page): Promise<void> {
  await page.click('[data-testid=nav-privacy]');
  await page.waitForSelector('[data-testid=privacy]');
}

const storedSessions = (page: Page) => page.getAttribute('[data-testid=stored-overview]', 'data-sessions').then(Number);

describe('consent and data rights', () => {
  it('asks before the camera is ever requested, and the choice is revocable', async () => {
    const context = await newContext(rig.browser);
    // Count every camera request the page makes, from the very first script on.
    await context.addInitScript(() => {
      const w = window as unknown as { __gumCalls: number };
      w.__gumCalls = 0;
      const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = (constraints) => {
        w.__gumCalls++;
        return original(constraints);
      };
    });
    const page = await context.newPage();
    await page.goto(rig.server.url);
    await page.waitForSelector('[data-testid=consent]');
    expect(await page.locator('[data-testid=start]').count()).toBe(0);
    // First run: a welcome that shows what the product is (the games, what a break is) comes before the consent.
    const welcome = (await page.textContent('[data-testid=welcome]'))!;
    for (const game of ['Squats', 'Jumping jacks', 'Arm raises', 'Reach', 'Side bend']) expect(welcome).toContain(game);
    expect(welcome).toContain('a break takes a minute');
    expect(await page.evaluate(() => {
      const [w, c] = ['welcome', 'consent'].map((id) => document.querySelector(`[data-testid=${id}]`)!);
      return Boolean(w.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);
    })).toBe(true);
    await page.click('[data-testid=consent-decline]');
    await page.waitForSelector('[data-testid=consent-declined]');
    await page.reload();
    await page.waitForSelector('[data-testid=consent]');
    expect(await cameraRequests(page)).toBe(0);

    await page.click('[data-testid=consent-accept]');
    await page.waitForSelector('[data-testid=start]');
    expect(await page.locator('[data-testid=welcome]').count()).toBe(0); // once agreed, the game list instead
    await page.click('[data-testid=start]');
    await waitForPoses(page, 3);
    expect(await cameraRequests(page)).toBe(1);
    await page.click('[data-testid=stop]');

    await openPrivacy(page);
    await page.click('[data-testid=consent-withdraw]');
    await page.click('[data-testid=nav-play]');
    await page.waitForSelector('[data-testid=consent]');
    await page.reload();
    await page.waitForSelector('[data-testid=consent]'); // still withdrawn after a reload
    expect(await cameraRequests(page)).toBe(0);
    await context.close();
  });

  it('export → erase → import restores the same history, and importing twice adds nothing', async () => {
    const context = await newContext(rig.browser);
    const page = await context.newPage();
    await page.goto(`${rig.server.url}?duration=20`);
    await acceptConsent(page);
    const points = await playOnce(page);
    await openPrivacy(page);
    await expect.poll(() => storedSessions(page)).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export]')]);
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(exported.format).toBe('microbreak-export/1');
    expect(exported.sessions).toHaveLength(1);
    expect(exported.uploads).toEqual([]); // the upload log travels with the export (nothing sent in this test)
    const file = join(tmpdir(), `microbreak-export-${Date.now()}.json`);
    await writeFile(file, JSON.stringify(exported));

    await page.click('[data-testid=erase]');
    await page.click('[data-testid=erase-confirm]');
    await page.waitForSelector('[data-testid=consent]'); // a first run again
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await page.click('[data-testid=nav-history]');
    await page.waitForSelector('[data-testid=history]');
    expect(await page.locator('[data-testid=today]').count()).toBe(0);

    await openPrivacy(page);
    await page.setInputFiles('[data-testid=import]', file);
    await expect.poll(() => page.textContent('[data-testid=privacy-message]')).toBe('Imported 1 break.');
    await page.setInputFiles('[data-testid=import]', []);
    await page.setInputFiles('[data-testid=import]', file);
    await expect.poll(() => page.textContent('[data-testid=privacy-message]')).toBe('Imported 0 breaks. 1 break was already here.');
    await expect.poll(() => storedSessions(page)).toBe(1);
    await page.reload();
    await page.click('[data-testid=nav-history]');
    expect(await page.textContent('[data-testid=today-points]')).toBe(points);

    // A broken file changes nothing and says why.
    await openPrivacy(page);
    await writeFile(file, JSON.stringify({ ...exported, sessions: [{ ...exported.sessions[0], game: 'chess' }] }));
    await page.setInputFiles('[data-testid=import]', file);
    await expect.poll(() => page.textContent('[data-testid=privacy-message]')).toContain('part of it is damaged');
    await expect.poll(() => storedSessions(page)).toBe(1);
    await context.close();
  });

  it('purges history older than the retention period (12 months by default, shorter on request)', async () => {
    const context = await newContext(rig.browser);
    const page = await context.newPage();
    await page.goto(rig.server.url);
    await acceptConsent(page);
    const today = localDay(new Date());
    const session = (id: string, date: string) => ({
      id, game: 'squats', date, startedAt: Date.parse(`${date}T12:00:00`), durationSeconds: 60,
      reps: 10, activeSeconds: 50, movementPoints: 120, seed: 1,
    });
    const file = join(tmpdir(), `microbreak-retention-${Date.now()}.json`);
    await writeFile(file, JSON.stringify({
      format: 'microbreak-export/1', exportedAt: new Date().toISOString(), personalBests: [], settings: {},
      sessions: [session('old', addDays(today, -400)), session('two-months', addDays(today, -62)), session('recent', addDays(today, -3))],
    }));
    await openPrivacy(page);
    await page.setInputFiles('[data-testid=import]', file);
    await expect.poll(() => storedSessions(page)).toBe(3);

    await page.reload(); // retention runs at start
    await openPrivacy(page);
    await expect.poll(() => storedSessions(page)).toBe(2);

    await page.selectOption('[data-testid=retention]', '1');
    await expect.poll(() => storedSessions(page)).toBe(1);
    expect(await page.textContent('[data-testid=privacy-message]')).toContain('1 older break was deleted');
    await context.close();
  });
});
