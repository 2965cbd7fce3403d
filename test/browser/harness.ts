/**
 * Shared rig for browser tests and the bench: the production build served by our own server,
 * Debian Chromium driven by playwright-core, a fake camera made from a real photo.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildServer } from '../../server/app';
import { DEFAULT_RATE_LIMIT } from '../../server/config';
import { repoRoot } from '../fixtures/fake-camera';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface LaunchOptions {
  /** y4m/mjpeg file for the fake camera; none → no fake device at all. */
  video?: string;
  /** Auto-accept the camera prompt (default) or deny it. */
  camera?: 'allow' | 'deny';
  args?: string[];
  /** Use the machine's GPU (drops --disable-gpu); the bench's --gpu. */
  gpu?: boolean;
  /** Accept self-signed TLS (the development sign-in on https://localhost); off by default. */
  ignoreCertificateErrors?: boolean;
}

function chromiumArgs(options: LaunchOptions): string[] {
  const base = options.gpu ? BASE_ARGS.filter((a) => a !== '--disable-gpu') : BASE_ARGS;
  const args = [...base, ...(options.args ?? [])];
  if (options.video) {
    args.push('--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${options.video}`);
  }
  if (options.ignoreCertificateErrors) args.push('--ignore-certificate-errors');
  if (options.camera === 'deny') args.push('--deny-permission-prompts');
  else args.push('--use-fake-ui-for-media-stream');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
  return args;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs(options), headless: true });
}

/** A browser whose profile (HTTP cache, service worker, storage) survives a restart in the same folder. */
export async function launchPersistentChromium(userDataDir: string, options: LaunchOptions = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: chromiumArgs(options), headless: true });
}

export interface RunningServer { url: string; close(): Promise<void> }

export async function serveBuild(staticDir = join(repoRoot, 'dist')): Promise<RunningServer> {
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error(`no build in ${staticDir}: run npm run build`);
  // Every test page comes from one address: the per-address limit stays on, set out of reach.
  const app = await buildServer({ staticDir, rateLimit: { ...DEFAULT_RATE_LIMIT, perAddressPerMinute: 1_000_000, perPersonPerMinute: 1_000_000 } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // localhost (not 127.0.0.1) is a secure context name Chromium trusts for camera and service workers.
  return { url: `http://localhost:${port}/`, close: () => app.close() };
}

/** Collects console errors and uncaught page errors, so a test can assert there were none. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

export interface LastPose { keypoints: number[] | null; width: number; height: number; t: number }

export async function waitForPoses(page: Page, count: number, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (n) => ((window as unknown as { __microbreak?: { posesReceived: number } }).__microbreak?.posesReceived ?? 0) >= n,
    count,
    { timeout },
  );
}

export function lastPose(page: Page): Promise<LastPose | null> {
  return page.evaluate(() => {
    const pose = (window as unknown as { __microbreak: { lastPose: { keypoints: Float32Array | null; width: number; height: number; t: number } | null } }).__microbreak.lastPose;
    return pose && { keypoints: pose.keypoints && Array.from(pose.keypoints), width: pose.width, height: pose.height, t: pose.t };
  });
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1000, height: 800 } });
}

/** First run asks for camera consent before anything else; tests that play agree to it. Consent is kept, so later loads skip it. */
export async function acceptConsent(page: Page): Promise<void> {
  const first = await page.waitForSelector('[data-testid=consent-accept], [data-testid=start]', { timeout: 30_000 });
  if ((await first.getAttribute('data-testid')) === 'consent-accept') {
    await first.click();
    await page.waitForSelector('[data-testid=start]');
  }
}

/** Every record of one object store of the app's IndexedDB. */
export function readStore(page: Page, store: string): Promise<Array<Record<string, unknown>>> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('microbreak');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      return await new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result as Array<Record<string, unknown>>);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }, store);
}

/** Writes records into one object store, as the app (or an earlier version of it) would have. */
export function writeStore(page: Page, store: string, records: unknown[]): Promise<void> {
  return page.evaluate(
    ({ name, rows }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('microbreak');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(name, 'readwrite');
          for (const row of rows) tx.objectStore(name).put(row);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { name: store, rows: records },
  );
}

/** The page's own local day (its clock and time zone), as the app dates a break. */
export function localToday(page: Page): Promise<string> {
  return page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
}

/** The sessions the app stored in IndexedDB. */
export function storedSessions(page: Page): Promise<Array<Record<string, unknown>>> {
  return readStore(page, 'sessions');
}
