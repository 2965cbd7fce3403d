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

  it('each game card shows its movement as an animated figure (still under reduced motion), and play shows it in a corner', async () => {
    const figure = (page: Page, game: string) => page.$eval(`[data-testid=demo-${game}]`, (svg) => Array.from(svg.querySelectorAll('line'), (l) => `${l.getAttribute('x2')},${l.getAttribute('y2')}`).join(' '));
    const context = await newContext(rig.browser);
    const page = await context.newPage();
    await page.goto(rig.server.url);
    await acceptConsent(page);
    for (const game of ['squats', 'jumping-jacks', 'arm-raises', 'reach', 'side-bend']) expect(await page.locator(`.game-card [data-testid=demo-${game}]`).count()).toBe(1);
    const before = await figure(page, 'jumping-jacks');
    await expect.poll(() => figure(page, 'jumping-jacks')).not.toBe(before);
    await page.click('[data-testid=game-arm-raises]');
    await page.click('[data-testid=start]');
    // Until the first pose arrives the camera and model are starting: it says so, not "step into the picture".
    expect(await page.getAttribute('[data-testid=guidance]', 'data-guidance')).toBe('loading');
    await page.waitForSelector('.hud-demo [data-testid=demo-arm-raises]', { timeout: 30_000 });
    expect(await page.textContent('.hud-demo')).toContain('Do this');
    await page.click('[data-testid=stop]');
    await context.close();

    const still = await rig.browser.newContext({ viewport: { width: 1000, height: 800 }, reducedMotion: 'reduce' });
    await still.clock.install(); // runs on (resume); runFor below plays a second of animation frames at once
    await still.clock.resume();
    const stillPage = await still.newPage();
    await stillPage.goto(rig.server.url);
    await acceptConsent(stillPage);
    expect(await stillPage.getAttribute('[data-testid=demo-jumping-jacks]', 'data-still')).toBe('true');
    const key = await figure(stillPage, 'jumping-jacks');
    await stillPage.clock.runFor(1000);
    expect(await figure(stillPage, 'jumping-jacks')).toBe(key);
    await still.close();
  });

  it('stopping after a few seconds says it is not saved; "Choose another game" returns to the list', async () => {
    const context = await newContext(rig.browser);
    const page = await context.newPage();
    await page.goto(`${rig.server.url}?duration=60`);
    await acceptConsent(page);
    await play(page, 'reach');
    expect(await page.textContent('[data-testid=hud]')).toContain('Targets hit');
    // The target is drawn on the picture, inside what the person sees (the stage may crop or letterbox it).
    await page.waitForSelector('[data-testid=reach-target]', { timeout: 15_000 });
    const where = await page.evaluate(() => {
      const video = document.querySelector('.stage video') as HTMLVideoElement;
      const box = video.getBoundingClientRect();
      const fit = getComputedStyle(video).objectFit;
      const s = (fit === 'cover' ? Math.max : Math.min)(box.width / video.videoWidth, box.height / video.videoHeight);
      const w = video.videoWidth * s;
      const h = video.videoHeight * s;
      const picture = { left: Math.max(box.left, box.left + (box.width - w) / 2), right: Math.min(box.right, box.left + (box.width + w) / 2), top: Math.max(box.top, box.top + (box.height - h) / 2), bottom: Math.min(box.bottom, box.top + (box.height + h) / 2) };
      const r = document.querySelector('[data-testid=reach-target]')!.getBoundingClientRect();
      return { picture, target: { left: r.left, right: r.right, top: r.top, bottom: r.bottom } };
    });
    expect(where.target.left).toBeGreaterThanOrEqual(where.picture.left - 1);
    expect(where.target.right).toBeLessThanOrEqual(where.picture.right + 1);
    expect(where.target.top).toBeGreaterThanOrEqual(where.picture.top - 1);
    expect(where.target.bottom).toBeLessThanOrEqual(where.picture.bottom + 1);
    expect(await page.textContent('[data-testid=hud]')).not.toContain('Reps');
    // Two seconds played (more than the 1 s a run needs to have a summary at all), then stop.
    await page.waitForFunction(() => document.querySelector('[data-testid=time-left]')?.textContent === '0:58', undefined, { timeout: 15_000 });
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
    // The part of the picture the player saw is recorded: the replay places the targets alike.
    expect(trace.run!.view!.width).toBeGreaterThan(0);
    expect(trace.run!.view!.x + trace.run!.view!.width).toBeLessThanOrEqual(640);
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
