/**
 * A game end to end with the fake camera: play, summary, stored in IndexedDB, shown in the history
 * after a reload; stopping early still saves; developer mode downloads a keypoint trace that replays
 * in Node to the identical summary.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { replayTrace } from '../../src/core/play';
import { summarize } from '../../src/core/metrics';
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

/** The sessions the app stored in IndexedDB. */
async function storedSessions(page: Page): Promise<Array<Record<string, unknown>>> {
  return page.evaluate(async () => {
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
    const stored = await storedSessions(page);
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

  it.each([
    ['side-bend', 'time up', false],
    ['reach', 'stopped early', true],
  ] as const)('developer mode: the downloaded trace of %s (%s) replays in Node to the identical summary', async (game, _how, stopEarly) => {
    const context = await newContext(rig.browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto(`${rig.server.url}?duration=5&dev=1&idle=10`);
    await acceptConsent(page);
    await page.check('text=Record a keypoint trace');
    await play(page, game);
    if (stopEarly) {
      // Stop with about two seconds played (the clock runs only while the person is seen).
      await page.waitForFunction(() => document.querySelector('[data-testid=time-left]')?.textContent === '0:03', null, { timeout: 15_000 });
      await page.click('[data-testid=stop]');
    }
    await page.waitForSelector('[data-testid=save-state][data-state=saved]', { timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download keypoint trace')]);
    const trace = parseTraceText(await readFile((await download.path())!, 'utf8'));
    expect(trace.width).toBe(640);
    expect(trace.frames.filter((f) => f.kp !== null).length).toBeGreaterThan(20);

    const [stored] = await storedSessions(page);
    expect(trace.run).toMatchObject({ game, seed: stored.seed, durationMs: 5000, countdownMs: 3000, idleMs: 10_000 });
    expect(trace.run!.end).toMatchObject({ reason: stopEarly ? 'stopped' : 'time-up', t: trace.frames.at(-1)!.t });
    const replayed = replayTrace(trace);
    const fields = ['reps', 'activeSeconds', 'movementPoints', 'durationSeconds', game === 'reach' ? 'hits' : 'holdSeconds'] as const;
    expect(Object.fromEntries(fields.map((k) => [k, replayed[k]]))).toEqual(Object.fromEntries(fields.map((k) => [k, stored[k]])));
    expect(replayed).toMatchObject({ played: true, cutShort: stopEarly, frames: trace.frames.length });
    if (stopEarly) expect(replayed.durationSeconds).toBeLessThan(5);
    // Play ends on the first frame at or past 5 s.
    else expect(replayed.durationSeconds).toBeGreaterThanOrEqual(5);
    // The trace holds the whole run: get ready, the 3 s countdown and the play.
    expect(trace.frames.at(-1)!.t).toBeGreaterThan(3000 + replayed.durationSeconds * 1000 - 300);
    // The replay contract's line says the same, and so does the summary on screen.
    expect(summarize(trace)).toMatchObject({ game, reps: stored.reps, activeSeconds: stored.activeSeconds, movementPoints: stored.movementPoints });
    expect(Number(await page.textContent('[data-testid=summary-reps]'))).toBe(replayed.reps);
    expect(Number(await page.textContent('[data-testid=summary-points]'))).toBe(replayed.movementPoints);
    expect((await page.textContent('[data-testid=summary]'))!.includes('Ended early')).toBe(stopEarly);
    expect(errors).toEqual([]);
    await context.close();
  });
});
