/**
 * Storage going wrong loses nothing: a full disk keeps the result on screen until a retry saves it,
 * and a newer version of the app in another tab gets the database while this tab says to reload.
 */
import { describe, expect, it } from 'vitest';
import { ensureLeaningVideo } from '../fixtures/fake-camera';
import { acceptConsent, newContext } from './harness';
import { useAppRig } from './rig';

// The photo leans like a side bend, so a played side-bend is a real break that the app tries to save.
const rig = useAppRig({ video: ensureLeaningVideo() });

describe('storage failures', () => {
  it('disk full: the summary stays, says why, and a retry saves it once space is back', async () => {
    const context = await newContext(rig.browser);
    const page = await context.newPage();
    // The disk is full from the first moment (Chromium lets writes through for a while once an origin has written).
    const cdp = await context.newCDPSession(page);
    const origin = new URL(rig.server.url).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
    await page.goto(`${rig.server.url}?duration=20`);
    await acceptConsent(page); // kept in memory for this visit even though it cannot be stored

    await page.click('[data-testid=game-side-bend]');
    await page.click('[data-testid=start]');
    await page.waitForSelector('[data-testid=save-state][data-state=failed]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=save-state]')).toContain('storage is full');
    const points = await page.textContent('[data-testid=summary-points]');

    await cdp.send('Storage.overrideQuotaForOrigin', { origin }); // quota back to normal
    await page.click('text=Try saving again');
    await page.waitForSelector('[data-testid=save-state][data-state=saved]');
    await page.reload();
    await acceptConsent(page); // consent could not be stored while the disk was full: asked again
    await page.click('[data-testid=nav-history]');
    expect(await page.textContent('[data-testid=today-sessions]')).toBe('1');
    expect(await page.textContent('[data-testid=today-points]')).toBe(points);
    await context.close();
  });

  it('a newer version in another tab gets the database; this tab asks to be reloaded', async () => {
    const context = await newContext(rig.browser);
    const older = await context.newPage();
    await older.goto(rig.server.url);
    await acceptConsent(older); // the app has opened the database
    const newer = await context.newPage();
    await newer.goto(`${rig.server.url}icons/icon.svg`); // any same-origin document
    const upgraded = await newer.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const request = indexedDB.open('microbreak', 99);
          request.onsuccess = () => {
            const version = request.result.version;
            request.result.close();
            resolve(version);
          };
          request.onerror = () => reject(request.error);
        }),
    );
    expect(upgraded).toBe(99); // not blocked: the older tab let go
    await older.waitForSelector('text=A newer version of the app is open in another window');
    await context.close();
  });
});
