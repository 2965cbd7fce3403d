/**
 * Languages and keyboard use in the real build: nb/da chosen from the browser language and
 * switchable; the language control's name is its visible text; a skip link; focus follows the
 * content after consent, Play and the summary; arrow keys move between game cards; Escape stops a
 * game; unknown addresses get the app's own not-found page; importing never grants camera consent.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ensureFakeVideo } from '../fixtures/fake-camera';
import { acceptConsent, watchPageErrors } from './harness';
import { useAppRig } from './rig';

const rig = useAppRig({ video: ensureFakeVideo() });

const activeTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);

describe('languages', () => {
  for (const [browserLocale, lang, play, privacy] of [
    ['nb-NO', 'nb', 'Spill', 'Personvern'],
    ['da-DK', 'da', 'Spil', 'Privatliv'],
  ] as const) {
    it(`${browserLocale} opens in ${lang}, with its own plurals and decimal comma`, async () => {
      const context = await rig.browser.newContext({ locale: browserLocale, viewport: { width: 1000, height: 800 } });
      const page = await context.newPage();
      const errors = watchPageErrors(page);
      await page.goto(rig.server.url);
      await page.waitForSelector('[data-testid=consent]');
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.textContent('[data-testid=nav-play]')).toBe(play);
      expect(await page.textContent('[data-testid=nav-privacy]')).toBe(privacy);
      expect(await page.inputValue('[data-testid=language]')).toBe(lang);
      // Retention choices are plurals from Intl.PluralRules: "1 måned" but "3 måneder".
      await page.click('[data-testid=nav-privacy]');
      const options = await page.$$eval('[data-testid=retention] option', (list) => list.map((o) => o.textContent));
      expect(options[0]).toBe('1 måned');
      expect(options[1]).toBe('3 måneder');
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('switches language from the labelled picker, whose accessible name is its visible label', async () => {
    const context = await rig.browser.newContext({ locale: 'en-US', viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    await page.goto(rig.server.url);
    await page.waitForSelector('[data-testid=consent]');
    const picker = page.getByRole('combobox', { name: 'Language' });
    expect(await picker.count()).toBe(1);
    await picker.selectOption('sv');
    expect(await page.textContent('[data-testid=nav-privacy]')).toBe('Integritet');
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    expect(await page.getByRole('combobox', { name: 'Språk' }).count()).toBe(1);
    await page.reload();
    await page.waitForSelector('[data-testid=consent]');
    expect(await page.textContent('[data-testid=nav-privacy]')).toBe('Integritet'); // remembered
    await page.getByRole('combobox', { name: 'Språk' }).selectOption('da');
    expect(await page.textContent('[data-testid=nav-privacy]')).toBe('Privatliv');
    await context.close();
  });
});

describe('keyboard and focus', () => {
  it('offers a skip link first, moves focus to the new content after consent, Play and the summary, and arrows move between game cards', async () => {
    const context = await rig.browser.newContext({ locale: 'en-GB', viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${rig.server.url}?duration=5`);
    await page.waitForSelector('[data-testid=consent-accept]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');

    await page.click('[data-testid=consent-accept]');
    await page.waitForSelector('[data-testid=start]');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('picker-title');

    // Arrow keys: the radio-group pattern, selection follows focus and wraps.
    await page.focus('[data-testid=game-arm-raises]');
    const cards = await page.$$eval('[role=radiogroup] [role=radio]', (list) => list.map((c) => c.getAttribute('data-testid')));
    const from = cards.indexOf('game-arm-raises');
    await page.keyboard.press('ArrowRight');
    const next = cards[(from + 1) % cards.length];
    expect(await activeTestId(page)).toBe(next);
    expect(await page.getAttribute(`[data-testid=${next}]`, 'aria-checked')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    expect(await activeTestId(page)).toBe('game-arm-raises');
    expect(await page.getAttribute('[data-testid=game-arm-raises]', 'aria-checked')).toBe('true');

    await page.click('[data-testid=start]');
    await page.waitForSelector('[data-testid=stop]');
    await expect.poll(() => activeTestId(page)).toBe('stop');
    await page.waitForSelector('[data-testid=summary]', { timeout: 60_000 });
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid=summary]') !== null)).toBe(true);
    await context.close();
  });

  it('Escape stops a running game and turns the camera off', async () => {
    const context = await rig.browser.newContext({ locale: 'en-GB', viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${rig.server.url}?duration=60`);
    await acceptConsent(page);
    await page.click('[data-testid=start]');
    await page.waitForSelector('[data-testid=camera-indicator][data-on=true]', { timeout: 30_000 });
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=camera-indicator][data-on=false]');
    expect(await page.$('[data-testid=stop]')).toBeNull();
    await context.close();
  });
});

describe('developer wording and addresses', () => {
  it('shows no frame rate or backend outside developer mode', async () => {
    const context = await rig.browser.newContext({ locale: 'en-GB', viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${rig.server.url}?duration=60`);
    await acceptConsent(page);
    await page.click('[data-testid=start]');
    await page.waitForSelector('[data-testid=live-status][data-status=live]', { timeout: 30_000 });
    const text = await page.textContent('[data-testid=live-status]');
    expect(text).toBe('Tracking');
    await page.keyboard.press('Escape');
    await context.close();
  });

  it('an unknown address gets a 404 and the app’s own not-found page in the user’s language', async () => {
    const context = await rig.browser.newContext({ locale: 'sv-SE', viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    const response = await page.goto(`${rig.server.url}no/such/page`);
    expect(response?.status()).toBe(404);
    await page.waitForSelector('[data-testid=not-found]');
    expect(await page.textContent('[data-testid=not-found] h2')).toBe('Sidan finns inte');
    expect(await page.getAttribute('[data-testid=not-found] a', 'href')).toBe('/');
    // API clients still get JSON.
    const api = await fetch(`${rig.server.url}no/such/thing`, { headers: { accept: 'application/json' } });
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: 'not-found' });
    await context.close();
  });

  it('a broken invite link opens Teams and says so', async () => {
    const context = await rig.browser.newContext({ locale: 'en-GB', viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${rig.server.url}?join=abc`);
    await page.waitForSelector('[data-testid=broken-invite]');
    expect(await page.textContent('[data-testid=broken-invite]')).toContain('incomplete or damaged');
    expect(await page.getAttribute('[data-testid=nav-teams]', 'aria-current')).toBe('page');
    await context.close();
  });

  it('importing a file never gives camera consent, and a bad file is explained without schema paths', async () => {
    const context = await rig.browser.newContext({ locale: 'en-GB', viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    await page.goto(rig.server.url);
    await page.waitForSelector('[data-testid=consent]');
    await page.click('[data-testid=nav-privacy]');
    const file = join(tmpdir(), `microbreak-consent-${process.pid}.json`);
    const exported = {
      format: 'microbreak-export/1',
      exportedAt: new Date().toISOString(),
      sessions: [],
      personalBests: [],
      settings: { 'consent.camera': { version: 1, givenAt: Date.now() }, 'privacy.retentionMonths': 6 },
    };
    await writeFile(file, JSON.stringify(exported));
    await page.setInputFiles('[data-testid=import]', file);
    await expect.poll(() => page.textContent('[data-testid=privacy-message]')).toContain('Imported 0 breaks');
    await page.reload();
    await page.click('[data-testid=nav-play]');
    await page.waitForSelector('[data-testid=consent]'); // still asked: the file did not consent for this person
    await page.click('[data-testid=nav-privacy]');
    await writeFile(file, JSON.stringify({ ...exported, sessions: [{ id: 'x', game: 'chess' }] }));
    await page.setInputFiles('[data-testid=import]', file);
    await expect.poll(() => page.textContent('[data-testid=privacy-message]')).toContain('Nothing was changed');
    expect(await page.textContent('[data-testid=privacy-message]')).not.toMatch(/sessions\[|\.game|chess/);
    await context.close();
  });
});
