/**
 * The pose engine end to end in Debian Chromium: fake camera from a real photo → worker →
 * keypoints on the page. Also the paths around it: fallback frame path, webgl, stop/restart,
 * page hidden, camera lost, and that no request ever carries image data.
 */
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ensureFakeVideo } from '../fixtures/fake-camera';
import { KP } from '../../src/core/pose/keypoints';
import { acceptConsent, lastPose, newContext, waitForPoses, watchPageErrors } from './harness';
import { useAppRig } from './rig';

// SwiftShader: the webgl test needs software GL here (there is no GPU).
const rig = useAppRig({ video: ensureFakeVideo(), args: ['--enable-unsafe-swiftshader'] });

async function openApp(path = '', beforeLoad?: (page: Page) => Promise<unknown>): Promise<{ page: Page; errors: string[]; requests: Request[] }> {
  const context = await newContext(rig.browser);
  const page = await context.newPage();
  await beforeLoad?.(page);
  const errors = watchPageErrors(page);
  const requests: Request[] = [];
  context.on('request', (request) => requests.push(request));
  await page.goto(rig.server.url + path);
  await acceptConsent(page);
  return { page, errors, requests };
}

const debug = (page: Page) =>
  page.evaluate(() => {
    const d = (window as unknown as { __microbreak: Record<string, unknown> }).__microbreak;
    return { backend: d.backend, threads: d.threads, frameSource: d.frameSource, posesReceived: d.posesReceived as number };
  });

const poseWorkers = (page: Page) => page.workers().filter((w) => w.url().includes('pose.worker'));
const intakeWorkers = (page: Page) => page.workers().filter((w) => w.url().includes('intake.worker'));

describe('pose engine in the browser', () => {
  it('tracks the person in the photo: plausible keypoints reach the page from the worker', async () => {
    const { page, errors, requests } = await openApp();
    await page.click('[data-testid=start]');
    await waitForPoses(page, 20);
    const pose = await lastPose(page);
    expect(pose).not.toBeNull();
    expect(pose!.width).toBe(640);
    expect(pose!.height).toBe(480);
    const kp = pose!.keypoints!;
    expect(kp).toHaveLength(51);
    const at = (name: keyof typeof KP) => ({ x: kp[KP[name] * 3], y: kp[KP[name] * 3 + 1], s: kp[KP[name] * 3 + 2] });
    // The player stands in the middle of the frame, head up, feet down (see test/fixtures/messi5.jpg).
    for (const name of ['nose', 'left_shoulder', 'right_shoulder', 'left_hip', 'right_hip', 'left_knee', 'right_knee'] as const) {
      expect(at(name).s, name).toBeGreaterThan(0.4);
    }
    expect(at('nose').x).toBeGreaterThan(150);
    expect(at('nose').x).toBeLessThan(400);
    expect(at('nose').y).toBeLessThan(at('left_shoulder').y);
    expect(at('left_shoulder').y).toBeLessThan(at('left_hip').y);
    expect(at('right_hip').y).toBeLessThan(at('right_knee').y);
    for (let i = 0; i < 17; i++) {
      expect(kp[i * 3]).toBeGreaterThanOrEqual(0);
      expect(kp[i * 3]).toBeLessThanOrEqual(640);
      expect(kp[i * 3 + 1]).toBeGreaterThanOrEqual(0);
      expect(kp[i * 3 + 1]).toBeLessThanOrEqual(480);
    }
    const info = await debug(page);
    expect(info.backend).toBe('wasm'); // no GPU here: software GL would be ~10x slower
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true); // wasm threads are possible
    // …and used where tfjs would compute on two threads or more; below 4 cores the single-threaded
    // build starts ~0.3 s sooner (no pool of 8 workers to load; issue 14).
    expect(info.threads).toBe(await page.evaluate(() => navigator.hardwareConcurrency >= 4));
    // Cross-origin isolated: an intake worker reads the camera while the pose worker runs the model.
    expect(info.frameSource).toBe('intake-worker');
    expect(intakeWorkers(page)).toHaveLength(1);
    await expect.poll(() => page.getAttribute('[data-testid=camera-indicator]', 'data-on')).toBe('true');

    await page.click('[data-testid=stop]');
    await expect.poll(() => page.getAttribute('[data-testid=camera-indicator]', 'data-on')).toBe('false');
    await expect.poll(() => poseWorkers(page).length).toBe(0);
    await expect.poll(() => intakeWorkers(page).length).toBe(0);

    // Privacy: during the whole session nothing was sent anywhere; every request was a same-origin GET for the app itself.
    const origin = new URL(rig.server.url).origin;
    for (const request of requests) {
      expect(request.method(), request.url()).toBe('GET');
      expect(request.postDataBuffer(), request.url()).toBeNull();
      expect(new URL(request.url()).origin === origin || request.url().startsWith('blob:'), request.url()).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('restarts cleanly after a stop: a new worker, poses flowing again', async () => {
    const { page, errors } = await openApp();
    await page.click('[data-testid=start]');
    await waitForPoses(page, 5);
    await page.click('[data-testid=stop]');
    await expect.poll(() => poseWorkers(page).length).toBe(0);
    await expect.poll(() => intakeWorkers(page).length).toBe(0);
    await page.click('[data-testid=start]');
    // A new session: its own workers, live again, and a fresh count of poses.
    await expect.poll(() => poseWorkers(page).length, { timeout: 30_000 }).toBe(1);
    await page.waitForSelector('[data-testid=live-status][data-status=live]', { timeout: 30_000 });
    await waitForPoses(page, 5);
    expect(poseWorkers(page)).toHaveLength(1);
    expect(intakeWorkers(page)).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a camera that opens after the model is ready (a slow permission prompt) still feeds the model through the intake', async () => {
    const { page, errors } = await openApp('', (p) =>
      p.addInitScript(() => {
        const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
        navigator.mediaDevices.getUserMedia = (constraints) => new Promise((resolve) => setTimeout(resolve, 4000)).then(() => open(constraints));
      }));
    await page.click('[data-testid=start]');
    await waitForPoses(page, 5, 30_000);
    expect((await debug(page)).frameSource).toBe('intake-worker');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('without the intake worker (as where the page is not cross-origin isolated), the pose worker reads the stream itself', async () => {
    const { page, errors } = await openApp('?frames=track-processor');
    await page.click('[data-testid=start]');
    await waitForPoses(page, 10);
    expect((await debug(page)).frameSource).toBe('track-processor');
    expect(intakeWorkers(page)).toHaveLength(0);
    expect((await lastPose(page))?.keypoints?.[KP.nose * 3 + 2]).toBeGreaterThan(0.3);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('falls back to requestVideoFrameCallback + transferred bitmaps where the track processor is missing', async () => {
    const { page, errors } = await openApp('?frames=video-frame-callback');
    await page.click('[data-testid=start]');
    await waitForPoses(page, 10);
    expect((await debug(page)).frameSource).toBe('video-frame-callback');
    expect((await lastPose(page))?.keypoints).toHaveLength(51);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('also tracks on the webgl backend (software GL here, so slowly)', async () => {
    const { page, errors } = await openApp('?backend=webgl');
    await page.click('[data-testid=start]');
    await waitForPoses(page, 3, 90_000);
    expect((await debug(page)).backend).toBe('webgl');
    // The intake passes the frames on as they are: a GPU backend uploads the bitmap itself.
    expect((await debug(page)).frameSource).toBe('intake-worker');
    expect((await lastPose(page))?.keypoints?.[KP.nose * 3 + 2]).toBeGreaterThan(0.3);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('turns the camera off when the page is hidden', async () => {
    const { page } = await openApp();
    await page.click('[data-testid=start]');
    await waitForPoses(page, 3);
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(() => page.getAttribute('[data-testid=camera-indicator]', 'data-on')).toBe('false');
    await expect.poll(() => poseWorkers(page).length).toBe(0);
    expect(await page.locator('[data-testid=start]').isVisible()).toBe(true);
    await page.context().close();
  });

  it('explains a camera that goes away mid-session and offers a retry', async () => {
    const { page, errors } = await openApp();
    await page.click('[data-testid=start]');
    await waitForPoses(page, 3);
    // The fake device cannot be unplugged; the browser signals an unplug with this same event.
    await page.evaluate(() => {
      const video = document.querySelector('video')!;
      (video.srcObject as MediaStream).getVideoTracks()[0].dispatchEvent(new Event('ended'));
    });
    await expect.poll(() => page.getAttribute('[data-testid=error]', 'data-code')).toBe('unplugged');
    expect(await page.getAttribute('[data-testid=camera-indicator]', 'data-on')).toBe('false');
    await page.click('[data-testid=error] button.primary');
    await waitForPoses(page, 6);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
