// Screenshots for the feel work: picker with demo figures, side bend (ring), reach (targets), en/sv, 1280x800 and 420x800.
import type { Browser } from 'playwright-core';
import { launchChromium, serveBuild, acceptConsent } from '../test/browser/harness';
import { ensureFakeVideo, ensureLeaningVideo } from '../test/fixtures/fake-camera';

const OUT = '/work/notes/shots/feel';
const only = process.argv[2];
const server = await serveBuild();
const sizes = [{ width: 1280, height: 800 }, { width: 420, height: 800 }];
const langs = ['en-US', 'sv-SE'];

async function shoot(browser: Browser, lang: string, size: { width: number; height: number }, what: string) {
  const context = await browser.newContext({ viewport: size, locale: lang, reducedMotion: what === 'picker-reduced' ? 'reduce' : 'no-preference' });
  const page = await context.newPage();
  const tag = `${lang.slice(0, 2)}-${size.width}`;
  await page.goto(`${server.url}?duration=40`);
  await acceptConsent(page);
  if (what.startsWith('picker')) {
    await page.waitForTimeout(1200);
    await page.screenshot({ path: `${OUT}/${what}-${tag}.png`, fullPage: true });
  } else {
    await page.click(`[data-testid=game-${what}]`);
    await page.click('[data-testid=start]');
    if (what === 'side-bend') {
      await page.waitForSelector('[data-testid=hud][data-phase=playing]', { timeout: 60_000 });
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=hold-ring]')?.getAttribute('data-fraction')) >= 0.3, undefined, { timeout: 60_000 });
    } else {
      await page.waitForSelector('[data-testid=reach-target]', { timeout: 60_000 });
    }
    await page.screenshot({ path: `${OUT}/${what}-${tag}.png` });
    await page.click('[data-testid=stop]');
  }
  await context.close();
}

for (const what of ['picker', 'reach', 'side-bend', 'picker-reduced']) {
  if (only && only !== what) continue;
  const browser = await launchChromium({ video: what === 'side-bend' ? ensureLeaningVideo() : ensureFakeVideo() });
  for (const lang of langs) for (const size of sizes) {
    if (what === 'picker-reduced' && (lang !== 'en-US' || size.width !== 420)) continue;
    await shoot(browser, lang, size, what).catch((e) => console.error(what, lang, size.width, String(e).slice(0, 300)));
  }
  await browser.close();
}
await server.close();
