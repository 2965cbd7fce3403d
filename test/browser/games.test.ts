/**
 * A game end to end with the fake camera: play, summary, stored in IndexedDB, shown in the history
 * after a reload; stopping early still saves; developer mode downloads a keypoint trace.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseTraceText } from '../../src/core/trace';
import { ensureFakeVideo } from '../fixtures/fake-camera';
import { acceptConsent, newContext, watchPageErrors } from './harness';
import { useAppRig } from './rig';

const rig = useAppRig({ video: ensureFakeVideo() });

async function play(page: Page, game: string): Promise<void> {
  await page.click(`[data-testid=game-${game}]`);
  await page.click('[data-testid=start]');
  await page.waitForSelector('[data-testid=hud][data-phase=playing]', { timeout: 30_000 });
}

describe('games', () => {
  it('plays a game to the end; the summary is stored and shown in the history after a reload', async () => {
    const context = await newContext(rig.browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto(`${rig.server.url}?duration=6`);
    await acceptConsent(page);
    await play(page, 'arm-raises');
    await page.waitForSelector('[data-testid=summary]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=save-state][data-state=saved]');
    expect(await page.getAttribute('[data-testid=camera-indicator]', 'data-on')).toBe('false');
    const points = Number(await page.textContent('[data-testid=summary-points]'));
    const reps = Number(await page.textContent('[data-testid=summary-reps]'));
    expect(reps).toBe(0); // the person in the photo never raises both arms above the head
    expect(points).toBeGreaterThanOrEqual(0);

    await page.reload();
    await page.click('[data-testid=nav-history]');
    await page.waitForSelector('[data-testid=today]');
    expect(await page.textContent('[data-testid=today-sessions]')).toBe('1');
    expect(Number(await page.textContent('[data-testid=today-points]'))).toBe(points);
    expect(await page.textContent('[data-testid=streak]')).toBe('1 day');
    const stored = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('microbreak');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const rows = await new Promise<unknown[]>((resolve) => {
        const request = db.transaction('sessions').objectStore('sessions').getAll();
        request.onsuccess = () => resolve(request.result);
      });
      db.close();
      return rows as Array<Record<string, unknown>>;
    });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ game: 'arm-raises', reps: 0, movementPoints: points });
    expect(stored[0].durationSeconds as number).toBeGreaterThanOrEqual(6);
    // Only numbers about movement: no keypoints, no images, no identity.
    expect(Object.keys(stored[0]).sort()).toEqual(
      ['activeSeconds', 'date', 'durationSeconds', 'game', 'id', 'movementPoints', 'reps', 'seed', 'startedAt'].sort(),
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('stopping mid-game still saves what was played, and says it ended early', async () => {
    const context = await newContext(rig.browser);
    const page = await context.newPage();
    await page.goto(`${rig.server.url}?duration=60`);
    await acceptConsent(page);
    await play(page, 'reach');
    await page.waitForTimeout(2500);
    await page.click('[data-testid=stop]');
    await page.waitForSelector('[data-testid=save-state][data-state=saved]');
    expect(await page.textContent('[data-testid=summary]')).toContain('Ended early');
    await context.close();
  });

  it('developer mode records keypoints (never images) and downloads them as pose-trace/1', async () => {
    const context = await newContext(rig.browser);
    const page = await context.newPage();
    await page.goto(`${rig.server.url}?duration=5&dev=1`);
    await acceptConsent(page);
    await page.check('text=Record a keypoint trace');
    await play(page, 'side-bend');
    await page.waitForSelector('[data-testid=summary]', { timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download keypoint trace')]);
    const trace = parseTraceText(await readFile((await download.path())!, 'utf8'));
    expect(trace.width).toBe(640);
    expect(trace.frames.length).toBeGreaterThan(60);
    expect(trace.frames.filter((f) => f.kp !== null).length).toBeGreaterThan(50);
    await context.close();
  });
});
