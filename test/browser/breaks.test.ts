/**
 * A run that is a break, end to end: the fake camera tilts the photo like a side bend, so side-bend
 * counts seconds held. The break is praised, saved, shown in the history after a reload, and its
 * developer trace replays in Node to the stored session.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/core/metrics';
import { isBreak, replayTrace } from '../../src/core/play';
import { parseTraceText } from '../../src/core/trace';
import { ensureLeaningVideo } from '../fixtures/fake-camera';
import { acceptConsent, newContext, watchPageErrors, storedSessions } from './harness';
import { useAppRig } from './rig';

const rig = useAppRig({ video: ensureLeaningVideo() });

describe('a break', () => {
  it('side-bend held: praised in seconds held, saved, in the history; goal progress and streak; the trace replays to it', async () => {
    const context = await newContext(rig.browser);
    // Count the tones the page plays (Web Audio oscillators started).
    await context.addInitScript(() => {
      const w = window as unknown as { __tones: number[] };
      w.__tones = [];
      const original = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function (this: AudioContext) {
        const osc = original.call(this);
        const start = osc.start.bind(osc);
        osc.start = (when?: number) => { w.__tones.push(osc.frequency.value); start(when); };
        return osc;
      };
    });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto(`${rig.server.url}?duration=20&dev=1`);
    await acceptConsent(page);
    await page.check('text=Record a keypoint trace');
    expect(await page.isChecked('[data-testid=sound]')).toBe(false); // quiet by default
    await page.check('[data-testid=sound]');
    await page.click('[data-testid=game-side-bend]');
    await page.click('[data-testid=start]');
    await page.waitForSelector('[data-testid=hud][data-phase=playing]', { timeout: 40_000 });
    const hud = (await page.textContent('[data-testid=hud]'))!;
    expect(hud).toContain('Seconds held');
    expect(hud).not.toContain('Reps');
    // The ring fills while the lean is held: a progress bar with a short fixed name and no text of its own, so
    // a screen reader reads it when asked rather than at every step.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=hold-ring]')?.getAttribute('aria-valuenow')) >= 25, null, { timeout: 30_000 });
    expect(await page.getAttribute('[data-testid=hold-ring]', 'role')).toBe('progressbar');
    expect(await page.getAttribute('[data-testid=hold-ring]', 'aria-label')).toBe('Hold');
    expect(await page.textContent('[data-testid=hold-ring]')).toBe('');
    await page.waitForSelector('[data-testid=save-state][data-state=saved]', { timeout: 60_000 });
    // Sound on: the countdown ticks (660 Hz, once a second for 3 s), "go", and a tone per held second.
    const tones = await page.evaluate(() => (window as unknown as { __tones: number[] }).__tones);
    expect(tones.filter((hz) => hz === 660).length).toBeGreaterThanOrEqual(2);
    expect(tones.filter((hz) => hz === 990)).toHaveLength(1);
    expect(tones.filter((hz) => hz === 880).length).toBeGreaterThanOrEqual(1);
    const summaryText = (await page.textContent('[data-testid=summary]'))!;
    expect(await page.getAttribute('[data-testid=summary]', 'data-break')).toBe('yes');
    expect(summaryText).toContain('Well done');
    expect(summaryText).not.toContain('Reps');
    expect(await page.getAttribute('[data-testid=summary-work]', 'data-unit')).toBe('holdSeconds');
    const holds = Number(await page.textContent('[data-testid=summary-holds]'));
    // A first best needs a stretch held to the end; seconds held alone are not one.
    expect(await page.locator('[data-testid=new-best]').count()).toBe(holds > 0 ? 1 : 0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download keypoint trace')]);
    const trace = parseTraceText(await readFile((await download.path())!, 'utf8'));
    const [stored] = await storedSessions(page);
    expect(trace.run).toMatchObject({ game: 'side-bend', seed: stored.seed, durationMs: 20_000 });
    const replayed = replayTrace(trace);
    expect(isBreak(replayed)).toBe(true);
    expect(replayed.holdSeconds!).toBeGreaterThanOrEqual(1);
    const fields = ['reps', 'activeSeconds', 'movementPoints', 'durationSeconds', 'holdSeconds'] as const;
    expect(Object.fromEntries(fields.map((k) => [k, replayed[k]]))).toEqual(Object.fromEntries(fields.map((k) => [k, stored[k]])));
    expect(summarize(trace)).toMatchObject({ game: 'side-bend', reps: stored.reps, movementPoints: stored.movementPoints });
    expect(holds).toBe(replayed.reps);

    // Back on Play: today's progress against the goal (3 breaks by default), streaks measured against it.
    await page.reload();
    await page.waitForSelector('[data-testid=goal]');
    expect(await page.textContent('[data-testid=goal-progress]')).toBe('1 of 3 breaks');
    expect(await page.getAttribute('[data-testid=goal]', 'data-met')).toBe('no');
    expect(await page.textContent('[data-testid=goal-streak]')).toBe('Streak: 0 days');
    expect(await page.locator('[data-testid=suggested]').textContent()).not.toContain('Side bend'); // variety
    await page.click('[data-testid=nav-history]');
    await page.waitForSelector('[data-testid=today]');
    expect(await page.textContent('[data-testid=today-sessions]')).toBe('1');
    expect(await page.textContent('[data-testid=streak]')).toBe('0 days');
    expect(await page.locator('[data-testid=break-row]').count()).toBe(1);
    expect(await page.textContent('[data-testid=break-row]')).toContain('Side bend');
    expect(await page.textContent('[data-testid=break-row]')).toContain('Seconds held');

    // A goal of one break a day: met today, and today starts a streak; kept after a reload.
    await page.click('[data-testid=nav-play]');
    await page.click('[data-testid=goal-change]');
    await page.selectOption('[data-testid=goal-target]', '1');
    await expect.poll(() => page.textContent('[data-testid=goal-progress]')).toBe('1 of 1 breaks');
    expect(await page.getAttribute('[data-testid=goal]', 'data-met')).toBe('yes');
    expect(await page.textContent('[data-testid=goal-streak]')).toBe('Streak: 1 day');
    await page.reload();
    await page.click('[data-testid=nav-history]');
    await page.waitForSelector('[data-testid=today]');
    expect(await page.textContent('[data-testid=streak]')).toBe('1 day');
    expect(errors).toEqual([]);
    await context.close();
  });
});
