/**
 * Records a pose-trace/1 from the real model: the production app in Chromium, fed a video file as
 * its camera, in developer mode (keypoints only, never images).
 *   npx tsx scripts/record-trace.ts --game arm-raises --seconds 20 --out test/traces/recorded/x.json [--video FILE]
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isGameId } from '../src/core/games';
import { acceptConsent, launchChromium, serveBuild } from '../test/browser/harness';
import { ensureFakeVideo } from '../test/fixtures/fake-camera';

const { values } = parseArgs({
  options: { game: { type: 'string', default: 'arm-raises' }, seconds: { type: 'string', default: '20' }, out: { type: 'string' }, video: { type: 'string' } },
});
if (!values.out || !isGameId(values.game)) {
  console.error('usage: record-trace --game <id> --seconds N --out FILE [--video FILE.y4m|.mjpeg]');
  process.exit(2);
}
const server = await serveBuild();
const browser = await launchChromium({ video: values.video ? resolve(values.video) : ensureFakeVideo() });
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}?dev=1&duration=${Number(values.seconds)}`);
  await acceptConsent(page);
  await page.check('text=Record a keypoint trace');
  await page.click(`[data-testid=game-${values.game}]`);
  await page.click('[data-testid=start]');
  await page.waitForSelector('[data-testid=summary]', { timeout: (Number(values.seconds) + 60) * 1000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download keypoint trace')]);
  await mkdir(dirname(resolve(values.out)), { recursive: true });
  await copyFile((await download.path())!, resolve(values.out));
  console.log(`recorded ${values.out}`);
} finally {
  await browser.close();
  await server.close();
}
