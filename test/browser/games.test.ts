/**
 * A game end to end with the fake camera (a photo of a person who never raises both arms, so every
 * run here scores nothing): the summary is honest, nothing is saved as a break, every way back works;
 * developer mode downloads a keypoint trace that replays in Node to the identical summary.
 * A run that is a break (saved, praised, in the history) is in breaks.test.ts.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { notABreakReason, replayTrace } from '../../src/core/play';
import { summarize } from '../../src/core/metrics';
import { parseTraceText } from '../../src/core/trace';
import { ensureFakeVideo } from '../fixtures/fake-camera';
import { acceptConsent, newContext, watchPageErrors, storedSessions } from './harness';
import { useAppRig } from './rig';

const rig = useAppRig({ video: ensureFakeVideo() });

async function play(page: Page, game: string): Promise<void> {
  await page.click(`[data-testid=game-${game}]`);
  await page.click('[data-testid=start]');
  await page.waitForSelector('[data-testid=hud][data-phase=playing]', { timeout: 30_000 });
}

describe('games', () => {
  it('a zero-rep run: no praise, no best, not saved, said kindly; the Play tab then returns to the game list', async () => {
    const context = await newContext(rig.browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto(`${rig.server.url}?duration=6`);
    await acceptConsent(page);
    await play(page, 'arm-raises');
    expect(await page.textContent('[data-testid=hud]')).toContain('Reps');
    await page.waitForSelector('[data-testid=summary]', { timeout: 30_000 });
    expect(await page.getAttribute('[data-testid=camera-indicator]', 'data-on')).toBe('false');
    const text = (await page.textContent('[data-testid=summary]'))!;
    expect(await page.getAttribute('[data-testid=summary]', 'data-break')).toBe('no');
    expect(await page.getAttribute('[data-testid=not-a-break]', 'data-reason')).toBe('nothing-done');
    expect(text).toContain('No reps counted this time, so this is not saved as a break');
    expect(text).not.toContain('Well done');
    expect(text).not.toContain('personal best');
    expect(await page.getAttribute('[data-testid=save-state]', 'data-state')).toBe('not-saved');
    expect(Number(await page.textContent('[data-testid=summary-work]'))).toBe(0); // the photo never raises both arms
    expect(await page.getAttribute('[data-testid=summary-work]', 'data-unit')).toBe('reps');
    expect(await page.locator('[data-testid=reminder-offer]').count()).toBe(0);
    expect(await storedSessions(page)).toEqual([]);

    // The Play tab (already the current tab) leads back to the game list.
    await page.click('[data-testid=nav-play]');
    await page.waitForSelector('[data-testid=start]');
    expect(await page.locator('[data-testid=summary]').count()).toBe(0);

    await page.reload();
    await page.click('[data-testid=nav-history]');
    await page.waitForSelector('[data-testid=history]');
    expect(await page.locator('[data-testid=today]').count()).toBe(0);
    expect(await page.textContent('[data-testid=streak]')).toBe('0 days');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('stopping after a few seconds says it is not saved; "Choose another game" returns to the list', async () => {
    const context = await newContext(rig.browser);
    const page = await context.newPage();
    await page.goto(`${rig.server.url}?duration=60`);
    await acceptConsent(page);
    await play(page, 'reach');
    expect(await page.textContent('[data-testid=hud]')).toContain('Targets hit');
    expect(await page.textContent('[data-testid=hud]')).not.toContain('Reps');
    await page.waitForTimeout(2500);
    await page.click('[data-testid=stop]');
    await page.waitForSelector('[data-testid=summary]');
    expect(await page.getAttribute('[data-testid=save-state]', 'data-state')).toBe('not-saved');
    expect(await page.textContent('[data-testid=summary]')).toContain('not saved');
    // One unit per game: targets hit, never also "Reps".
    expect(await page.getAttribute('[data-testid=summary-work]', 'data-unit')).toBe('hits');
    expect(await page.textContent('[data-testid=summary] .stats')).not.toContain('Reps');
    expect(await storedSessions(page)).toEqual([]);
    await page.click('[data-testid=to-games]');
    await page.waitForSelector('[data-testid=start]');
    await context.close();
  });

  it('developer mode: the downloaded trace of reach (stopped early) replays in Node to the identical summary', async () => {
    const context = await newContext(rig.browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto(`${rig.server.url}?duration=5&dev=1&idle=10`);
    await acceptConsent(page);
    await page.check('text=Record a keypoint trace');
    await play(page, 'reach');
    // Stop with about two seconds played (the clock runs only while the person is seen).
    await page.waitForFunction(() => document.querySelector('[data-testid=time-left]')?.textContent === '0:03', null, { timeout: 15_000 });
    await page.click('[data-testid=stop]');
    await page.waitForSelector('[data-testid=summary]', { timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download keypoint trace')]);
    const trace = parseTraceText(await readFile((await download.path())!, 'utf8'));
    expect(trace.width).toBe(640);
    expect(trace.frames.filter((f) => f.kp !== null).length).toBeGreaterThan(20);
    expect(trace.run).toMatchObject({ game: 'reach', durationMs: 5000, countdownMs: 3000, idleMs: 10_000 });
    expect(trace.run!.end).toMatchObject({ reason: 'stopped', t: trace.frames.at(-1)!.t });
    const replayed = replayTrace(trace);
    expect(replayed).toMatchObject({ played: true, cutShort: true, frames: trace.frames.length });
    expect(replayed.durationSeconds).toBeLessThan(5);
    // What the summary shows is what the replay computes, and the same rule calls it no break.
    expect(Number(await page.textContent('[data-testid=summary-work]'))).toBe(replayed.hits);
    expect(Number(await page.textContent('[data-testid=summary-points]'))).toBe(replayed.movementPoints);
    expect(await page.getAttribute('[data-testid=not-a-break]', 'data-reason')).toBe(notABreakReason(replayed));
    expect(summarize(trace)).toMatchObject({ game: 'reach', reps: replayed.reps, movementPoints: replayed.movementPoints });
    expect(await storedSessions(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
