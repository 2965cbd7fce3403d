/**
 * npm run bench -- [--video FILE.y4m|.mjpeg] [--seconds N] [--no-build]
 * Builds and serves the production app, feeds Chromium's fake camera from the video, and measures
 * our pipeline and the two peers (main-thread demo style; serial worker) in one run. Prints one
 * line per pipeline, then one JSON object as the last line (design §5).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureFakeVideo, repoRoot } from '../fixtures/fake-camera';
import { launchPersistentChromium, serveBuild } from '../browser/harness';

const { values } = parseArgs({
  options: {
    video: { type: 'string' },
    seconds: { type: 'string', default: '60' },
    'peer-seconds': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
if (!Number.isFinite(seconds) || seconds <= 0) {
  console.error(`--seconds must be a positive number, got ${values.seconds}`);
  process.exit(2);
}
const peerSeconds = Number(values['peer-seconds'] ?? Math.min(seconds, 20));
const video = values.video ? resolve(values.video) : ensureFakeVideo();
if (!existsSync(video) || !/\.(y4m|mjpeg|mjpg)$/i.test(video)) {
  console.error(`--video must be an existing .y4m or .mjpeg file: ${video}`);
  process.exit(2);
}
if (!values['no-build']) execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });

type Result = Record<string, unknown> & { error?: string };
const server = await serveBuild();
// One browser per pipeline on one persistent profile: the cache stays warm (firstPoseMs is
// specified with a warm cache), while each pipeline gets fresh processes and a freshly opened fake
// camera (Chromium's mjpeg fake device delivers nothing when reopened within one browser).
const profile = await mkdtemp(join(tmpdir(), 'microbreak-bench-'));
// ForceEagerMeasureMemory: measureUserAgentSpecificMemory answers at once instead of at the next GC.
const launch = () => launchPersistentChromium(profile, { video, args: ['--enable-blink-features=ForceEagerMeasureMemory'] });

async function runMode(mode: string, secs: number): Promise<Result> {
  const context = await launch();
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}bench.html?mode=${mode}&seconds=${secs}`);
    const handle = await page.waitForFunction(() => (window as unknown as { __benchResult?: unknown }).__benchResult, undefined, {
      timeout: (secs + 90) * 1000,
      polling: 500,
    });
    const result = (await handle.jsonValue()) as Result;
    if (result.error) throw new Error(`${mode}: ${result.error}`);
    return result;
  } finally {
    await context.close();
  }
}

try {
  // Install the app (service worker, precache) and run the pipeline once to warm every cache.
  const warm = await launch();
  const app = await warm.newPage();
  await app.goto(server.url);
  await app.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await warm.close();
  await runMode('ours', 3);

  const ours = await runMode('ours', seconds);
  console.log(`ours:          ${JSON.stringify(ours)}`);
  const mainThread = await runMode('main-thread', peerSeconds);
  console.log(`main-thread:   ${JSON.stringify(mainThread)}`);
  const serialWorker = await runMode('serial-worker', peerSeconds);
  console.log(`serial-worker: ${JSON.stringify(serialWorker)}`);
  const figures = (r: Result) => {
    const { mode: _mode, ...rest } = r;
    return rest;
  };
  console.log(JSON.stringify({
    ...figures(ours),
    video: video.startsWith(repoRoot) ? video.slice(repoRoot.length + 1) : video,
    cores: cpus().length,
    peers: { mainThread: figures(mainThread), serialWorker: figures(serialWorker) },
  }));
} finally {
  await server.close();
  await rm(profile, { recursive: true, force: true });
}
