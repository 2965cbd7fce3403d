/**
 * Screenshots of every screen, in English and Swedish, at 1280×800 and 420×800, for a person to look
 * at (issue 11). Expects `npm run build`; starts the real server on a free port with an in-memory
 * PGlite database and the development sign-in (the sign-in tests' rig), and drives Debian Chromium
 * with the browser tests' fake camera (the leaning photo, so side bend plays a real break).
 *
 *   npm run screenshots -- [--out DIR]      (default /tmp/microbreak-shots)
 *
 * One browser; one context per language, which walks through the app once and photographs each
 * screen at both sizes (the viewport is resized in place, so nothing is played twice).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays, localDay } from '../src/core/calendar';
import { ensureLeaningVideo } from '../test/fixtures/fake-camera';
import { launchChromium, watchPageErrors } from '../test/browser/harness';
import { startSignInRig, type SignInRig } from '../test/browser/sign-in-rig';

const SIZES = [{ width: 1280, height: 800 }, { width: 420, height: 800 }] as const;
/** A Monday morning: reminders run on workdays only. */
const MONDAY_9 = new Date('2026-11-23T09:00:00+01:00');

interface Language { lang: 'en' | 'sv'; locale: string; user: string; team: string }
const LANGUAGES: Language[] = [
  { lang: 'en', locale: 'en-GB', user: 'alice', team: 'Lunch walkers' },
  { lang: 'sv', locale: 'sv-SE', user: 'bob', team: 'Lunchpromenaden' },
];

function outDir(): string {
  const i = process.argv.indexOf('--out');
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : '/tmp/microbreak-shots';
}

const log = (line: string) => process.stdout.write(`${line}\n`);

class Shooter {
  readonly saved: string[] = [];
  constructor(private readonly dir: string, private readonly lang: string) {}

  /** The page at both sizes; `full` photographs the whole scrollable page, else what is in view. */
  async shot(page: Page, name: string, options: { full?: boolean; before?: (page: Page) => Promise<void> } = {}): Promise<void> {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await options.before?.(page);
      const file = join(this.dir, `${name}-${this.lang}-${size.width}.png`);
      await page.screenshot({ path: file, fullPage: options.full ?? true, animations: 'disabled' });
      this.saved.push(file);
    }
    await page.setViewportSize(SIZES[0]);
  }
}

/** Some earlier breaks for History, imported through the app's own import (as the privacy tests seed them). */
function historyFile(dir: string): string {
  const today = localDay(new Date());
  const games = ['squats', 'arm-raises', 'reach', 'side-bend', 'jumping-jacks'] as const;
  const sessions = [1, 1, 2, 3, 5, 6, 6, 8, 9, 12].map((back, i) => {
    const date = addDays(today, -back);
    const game = games[i % games.length];
    return {
      id: `seed-${i}`, game, date, startedAt: Date.parse(`${date}T${String(9 + i).padStart(2, '0')}:15:00`),
      durationSeconds: 60 + 30 * (i % 3), reps: game === 'side-bend' || game === 'reach' ? 0 : 8 + i, activeSeconds: 50 + 10 * (i % 4),
      movementPoints: 90 + 17 * i, seed: i + 1,
      ...(game === 'reach' ? { hits: 6 + i } : {}), ...(game === 'side-bend' ? { holdSeconds: 20 + i } : {}),
    };
  });
  const file = join(dir, 'history.json');
  writeFileSync(file, JSON.stringify({ format: 'microbreak-export/1', exportedAt: new Date().toISOString(), personalBests: [], settings: {}, sessions }));
  return file;
}

/** Opens the reminder settings, turns reminders on and saves (the settings stay open). */
async function enableReminders(page: Page): Promise<void> {
  await page.click('[data-testid=reminder-settings] summary');
  await page.check('[data-testid=reminders-enabled]');
  await page.click('[data-testid=reminders-save]');
  await page.waitForSelector('[data-testid=reminders-message]');
}

async function walk(browser: Browser, rig: SignInRig, language: Language, dir: string, seed: string): Promise<string[]> {
  const shooter = new Shooter(dir, language.lang);
  const context: BrowserContext = await browser.newContext({ locale: language.locale, timezoneId: 'Europe/Stockholm', viewport: SIZES[0] });
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  const url = `${rig.url}?duration=20`;

  // First run: what the product is, then the camera consent.
  await page.goto(url);
  await page.waitForSelector('[data-testid=welcome]');
  await shooter.shot(page, '01-welcome', { full: false });
  await shooter.shot(page, '02-consent', { full: false, before: (p) => p.locator('[data-testid=consent]').scrollIntoViewIfNeeded() });
  await page.click('[data-testid=consent-accept]');
  await page.waitForSelector('[data-testid=start]');
  await shooter.shot(page, '03-picker');

  // Settings and reminders, on for the banner later.
  await enableReminders(page);
  await shooter.shot(page, '04-settings-reminders', { full: false, before: (p) => p.locator('[data-testid=reminder-settings]').scrollIntoViewIfNeeded() });
  await page.click('[data-testid=reminder-settings] summary');

  // A real break: side bend on the leaning photo.
  await page.click('[data-testid=game-side-bend]');
  await page.click('[data-testid=start]');
  await page.waitForSelector('[data-testid=hud][data-phase=get-ready], [data-testid=hud][data-phase=countdown]', { timeout: 40_000 });
  await shooter.shot(page, '05-get-ready', { full: false });
  await page.waitForSelector('[data-testid=hud][data-phase=playing]', { timeout: 40_000 });
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=hud-work]')?.textContent ?? 0) > 0, null, { timeout: 30_000 }).catch(() => undefined);
  await shooter.shot(page, '06-play', { full: false });
  await page.waitForSelector('[data-testid=summary] [data-testid=save-state][data-state=saved]', { timeout: 60_000 });
  await shooter.shot(page, '07-summary-break');

  // An early stop with nothing done (the photo never raises its arms).
  await page.click('[data-testid=nav-play]');
  await page.click('[data-testid=game-arm-raises]');
  await page.click('[data-testid=start]');
  await page.waitForSelector('[data-testid=hud][data-phase=playing]', { timeout: 40_000 });
  // A stop right away is no game at all (no summary): play a couple of seconds first.
  await page.waitForFunction(() => document.querySelector('[data-testid=time-left]')?.textContent === '0:17', null, { timeout: 15_000 });
  await page.click('[data-testid=stop]');
  await page.waitForSelector('[data-testid=summary]');
  await shooter.shot(page, '08-summary-early-stop');

  // Privacy: import earlier breaks, then the page and its erase confirmation.
  await page.click('[data-testid=nav-privacy]');
  await page.setInputFiles('[data-testid=import]', seed);
  await page.waitForSelector('[data-testid=privacy-message]');
  await shooter.shot(page, '09-privacy');
  await page.click('[data-testid=erase]');
  await shooter.shot(page, '10-privacy-erase-confirm', { full: false, before: (p) => p.locator('[data-testid=erase-confirm]').scrollIntoViewIfNeeded() });
  await page.click('.confirm button:not(.danger)');

  await page.click('[data-testid=nav-history]');
  await page.waitForSelector('[data-testid=history] [data-testid=break-row]');
  await shooter.shot(page, '11-history');

  // Teams: signed out, then signed in through the development provider with a new team.
  await page.click('[data-testid=nav-teams]');
  await page.waitForSelector('[data-testid=teams][data-auth=signed-out]', { timeout: 30_000 });
  await shooter.shot(page, '12-teams-signed-out');
  await page.click('[data-testid=sign-in-microsoft]');
  await page.waitForURL((u) => u.href.startsWith(rig.idp().issuer), { timeout: 30_000 });
  await page.click(`button[name=username][value=${language.user}]`);
  await page.waitForSelector('[data-testid=teams][data-auth=signed-in]', { timeout: 30_000 });
  await page.fill('[data-testid=create-team] input[name=team-name]', language.team);
  await page.click('[data-testid=create-team] button[type=submit]');
  await page.waitForSelector('[data-testid=invite-link]');
  await shooter.shot(page, '13-teams-signed-in');

  await page.goto(`${rig.url}no/such/page`);
  await page.waitForSelector('[data-testid=not-found]');
  await shooter.shot(page, '14-not-found');

  // The due-break banner, with a fake clock on a Monday (a fresh profile, so the schedule starts
  // then), scrolled down on the Privacy tab too.
  const bannerContext = await browser.newContext({ locale: language.locale, timezoneId: 'Europe/Stockholm', viewport: SIZES[0] });
  const banner = await bannerContext.newPage();
  await banner.clock.install({ time: MONDAY_9 });
  await banner.goto(rig.url);
  await banner.click('[data-testid=consent-accept]');
  await enableReminders(banner);
  await banner.click('[data-testid=reminder-settings] summary');
  await banner.evaluate(() => window.dispatchEvent(new Event('blur')));
  await banner.clock.fastForward('46:00');
  await banner.waitForSelector('[data-testid=reminder-banner][data-kind=due]');
  await shooter.shot(banner, '15-due-banner', { full: false });
  await banner.click('[data-testid=nav-privacy]');
  await shooter.shot(banner, '16-due-banner-scrolled', { full: false, before: (p) => p.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight)) });
  await bannerContext.close();

  // Camera refused, and camera held by another app: what Chromium reports for each.
  for (const [name, error] of [['17-camera-denied', 'NotAllowedError'], ['18-camera-busy', 'NotReadableError']] as const) {
    const denied = await context.newPage();
    await denied.addInitScript((kind) => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('refused', kind));
    }, error);
    await denied.goto(rig.url);
    await denied.click('[data-testid=nav-play]');
    await denied.click('[data-testid=start]');
    await denied.waitForSelector('[data-testid=error]', { timeout: 30_000 });
    await shooter.shot(denied, name);
    await denied.close();
  }

  if (errors.length) log(`${language.lang}: page errors:\n  ${errors.join('\n  ')}`);
  await context.close();
  return shooter.saved;
}

async function main(): Promise<void> {
  const dir = outDir();
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'microbreak-shots-'));
  const rig = await startSignInRig({ accessTokenTtlSeconds: 3600 });
  const browser = await launchChromium({ video: ensureLeaningVideo(), ignoreCertificateErrors: true });
  try {
    const seed = historyFile(work);
    for (const language of LANGUAGES) {
      const saved = await walk(browser, rig, language, dir, seed);
      log(`${language.lang}: ${saved.length} screenshots`);
    }
    log(`saved in ${dir} (${Math.round((Date.now() - started) / 1000)} s)`);
  } finally {
    await browser.close();
    await rig.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
