/**
 * The bench page (bench.html) honours its switches and reports honest figures (issue 14): the
 * camera rate from the track itself, bare inference next to the time between processed frames,
 * the wasm thread count, the GPU strings, and an error instead of a hang when a backend is missing.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ensureFakeVideo } from '../fixtures/fake-camera';
import { newContext, watchPageErrors } from './harness';
import { useAppRig } from './rig';

const rig = useAppRig({ video: ensureFakeVideo(), args: ['--enable-blink-features=ForceEagerMeasureMemory'] });

type BenchResult = Record<string, unknown> & { error?: string };

async function bench(query: string): Promise<{ result: BenchResult; page: Page; errors: string[] }> {
  const context = await newContext(rig.browser);
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await page.goto(`${rig.server.url}bench.html?${query}`);
  const handle = await page.waitForFunction(() => (window as unknown as { __benchResult?: unknown }).__benchResult, undefined, {
    timeout: 150_000,
    polling: 250,
  });
  return { result: (await handle.jsonValue()) as BenchResult, page, errors };
}

describe('pose bench page', () => {
  it('runs ours with a forced backend and thread count, and counts the camera from the track', async () => {
    const { result, page } = await bench('mode=ours&seconds=3&backend=wasm&threads=2');
    expect(result.error).toBeUndefined();
    expect(result.backendRequested).toBe('wasm');
    expect(result.backend).toMatch(/^wasm\+threads\([12]\) \(intake-worker\)$/);
    // tfjs caps its pool by the machine (1 thread on 2 cores, 8 on 16); it never exceeds the request.
    expect(result.wasmThreads as number).toBeGreaterThanOrEqual(1);
    expect(result.wasmThreads as number).toBeLessThanOrEqual(2);
    expect(result.frameInput).toBe('copyto-half');
    expect(result.cameraFpsSource).toBe('track.stats');
    expect(result.cameraFps as number).toBeGreaterThan(5); // the fake camera runs at ~30 fps; this is a loaded machine
    expect(result.poses as number).toBeGreaterThan(0);
    // The person in the fixture is found: a faster input must not have cost the keypoints.
    expect(result.keypointScoreMean as number).toBeGreaterThan(0.4);
    // Each processed frame takes at least its inference: the per-frame cost is never below it.
    expect(result.frameIntervalMsMean as number).toBeGreaterThanOrEqual(0.9 * (result.inferenceMsMean as number));
    expect(result.prepMsP50 as number).toBeGreaterThan(0);
    // The intake reads the camera while the model runs: frames reach our workers even when the
    // model is slower than the camera (a reader between inferences got about 2 in 3 here).
    expect(result.workerReceivedFrames as number).toBeGreaterThanOrEqual(0.8 * (result.trackDeliveredFrames as number));
    // Capture → keypoints includes the model's time.
    expect(result.captureToPoseMsP50 as number).toBeGreaterThanOrEqual(result.inferenceMsP50 as number);
    const gpu = result.gpu as { webglRenderer: string | null };
    expect(typeof gpu.webglRenderer).toBe('string'); // SwiftShader here; the real GPU's name on a GPU machine
    const startup = result.startup as Record<string, number>;
    for (const key of ['probeMs', 'backendMs', 'modelLoadMs', 'warmupMs']) expect(startup[key], key).toBeGreaterThanOrEqual(0);
    expect(['blank', 'first-frame']).toContain(startup.warmedUpOn);
    // Where the time from Start to the first pose went (ms after Start), in an order that must hold.
    const tl = startup.timeline as unknown as Record<string, number>;
    expect(tl.workerOrigin).toBeLessThanOrEqual(tl.workerEvaluated);
    expect(tl.workerEvaluated).toBeLessThanOrEqual(tl.workerInit);
    expect(tl.camera).toBeLessThanOrEqual(tl.play);
    expect(tl.firstFrame).toBeGreaterThanOrEqual(tl.camera - 5); // the worker's clock vs the page's: a few ms
    expect(tl.ready).toBeLessThanOrEqual(tl.firstPose);
    expect(tl.firstFrame).toBeLessThanOrEqual(tl.firstPose);
    expect(tl.firstPose).toBe(result.firstPoseMs);
    expect(tl.firstInferenceMs).toBeGreaterThan(0);
    expect(result.tensorsEnd).toBe(result.tensorsStart);
    await page.context().close();
  });

  it('runs the main-thread peer on the requested backend and reports the same camera count', async () => {
    const { result, page } = await bench('mode=main-thread&seconds=2&backend=wasm&threads=1');
    expect(result.error).toBeUndefined();
    expect(result.backend).toMatch(/^wasm\+threads\(1\) \(main thread\)$/);
    expect(result.cameraFpsSource).toBe('track.stats');
    expect(result.cameraFps as number).toBeGreaterThan(5);
    expect(result.keypointScoreMean as number).toBeGreaterThan(0.4);
    await page.context().close();
  });

  it('reports a backend that cannot start as an error instead of hanging', async () => {
    // No GPU and no WebGPU adapter here: the forced backend fails and the page says so.
    const { result, page } = await bench('mode=ours&seconds=1&backend=webgpu');
    expect(result.error).toMatch(/no-backend/);
    await page.context().close();
  });
});
