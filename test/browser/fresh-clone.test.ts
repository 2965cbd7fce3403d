/**
 * The README's first command on a fresh clone: `npm start` builds and serves the app, and
 * Chromium shows its first screen. The clone is `git clone` of this checkout's HEAD; its
 * node_modules is a hard-linked copy of this checkout's (a real install takes minutes and the
 * network), so scripts/setup.mjs must find it matching the lock and leave it alone, which is the
 * second-start path. The install path itself is covered by test/unit/setup.test.ts.
 * It runs a production build, so it lives with the browser tests, which run one file at a time.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../fixtures/fake-camera';
import { launchChromium, newContext, watchPageErrors } from './harness';

const clone = join(mkdtempSync(join(tmpdir(), 'microbreak-clone-')), 'microbreak');
let server: ChildProcess | undefined;
let exited: Promise<unknown>;
let output = '';
let url = '';
let recordBefore = 0;
let browser: Browser | undefined;

beforeAll(async () => {
  execFileSync('git', ['clone', '-q', repoRoot, clone]);
  // cp -al: hard links, so the copy takes a second; caches that tools rewrite in place stay out.
  execFileSync('cp', ['-al', join(repoRoot, 'node_modules'), join(clone, 'node_modules')]);
  for (const cache of ['.vite', '.vite-temp', '.tsc', '.cache']) rmSync(join(clone, 'node_modules', cache), { recursive: true, force: true });
  recordBefore = statSync(join(clone, 'node_modules', '.package-lock.json')).mtimeMs;

  // As a user's shell would have it: no node_modules/.bin of this checkout on PATH, no npm_* settings.
  const path = (process.env.PATH ?? '').split(delimiter).filter((dir) => !dir.includes('node_modules')).join(delimiter);
  server = spawn('npm', ['start'], {
    cwd: clone,
    env: { PATH: path, HOME: process.env.HOME ?? clone, PORT: '0', DEV_IDP_PORT: '0', DATA_DIR: 'memory' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: npm, the shell, tsx and the server stop together
  });
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  exited = new Promise((resolve) => server?.on('exit', resolve));
  const deadline = Date.now() + 280_000;
  let match: RegExpMatchArray | null = null;
  while (!(match = output.match(/running at (http:\/\/localhost:\d+\/)/)) && Date.now() < deadline && server.exitCode === null) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (!match) throw new Error(`npm start did not serve the app:\n${output}`);
  url = match[1];
  browser = await launchChromium();
}, 300_000);

/** Whether the server still answers, waiting up to 20 s for it to go. */
async function stillAnswers(): Promise<boolean> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if ((await fetch(url).then(() => true, () => false)) === false) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return true;
}

afterAll(async () => {
  await browser?.close();
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGKILL'); // whatever of this test's own process group is left
    } catch {
      // the group has exited
    }
    await exited;
  }
  rmSync(join(clone, '..'), { recursive: true, force: true });
});

describe('npm start on a fresh clone', () => {
  it('keeps the installed dependencies that match the lock, builds quietly and prints the address', () => {
    expect(output).not.toContain('installing the locked dependencies');
    expect(statSync(join(clone, 'node_modules', '.package-lock.json')).mtimeMs).toBe(recordBefore);
    expect(existsSync(join(clone, 'dist', 'index.html'))).toBe(true);
    expect(existsSync(join(clone, 'public', 'models', 'movenet-lightning.bin'))).toBe(true);
    // No build warnings (vite's "(!)" notes, plugin warnings, rolldown's [CODE] checks), colours aside.
    const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
    expect(plain.match(/^\s*(\(!\)|\[plugin |\[[A-Z_]+\]).*$/gm)).toBeNull();
    expect(output).toMatch(/Microbreak is running at http:\/\/localhost:\d+\/ \(open it in Chromium; Ctrl\+C stops\)/);
  });

  it('serves the app, which Chromium opens at its first screen without errors', async () => {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    const page = await (await newContext(browser as Browser)).newPage();
    const errors = watchPageErrors(page);
    await page.goto(url);
    await page.waitForSelector('[data-testid=consent-accept], [data-testid=start]', { timeout: 30_000 });
    expect(await page.title()).toMatch(/Microbreak/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('stops on SIGTERM, server included', async () => {
    process.kill(-(server?.pid as number), 'SIGTERM');
    await exited;
    expect(await stillAnswers()).toBe(false);
  });
});
