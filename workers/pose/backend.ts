/**
 * Run-time backend choice for tfjs: a real GPU gets webgpu/webgl, everything else wasm
 * (software GL is ~10× slower than wasm on our reference laptop). Each candidate is raced
 * against a timeout and the chain falls through to the next one.
 */
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { Backend, GpuInfo } from './protocol';
import { isHardwareRenderer, wantsWasmThreads, type GpuProbe } from './backend-order';

export { candidateOrder } from './backend-order';

/**
 * The GPU backends (with their kernels, ≈ 40 % of the worker's code) load when first tried, so a
 * start on wasm never fetches or evaluates them.
 */
const LOADERS: Record<Backend, () => Promise<unknown>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu/dist/index.js'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  wasm: () => Promise.resolve(),
};

interface GpuAdapterLike {
  info?: { isFallbackAdapter?: boolean; vendor?: string; architecture?: string; device?: string; description?: string };
  isFallbackAdapter?: boolean;
}

export async function probeGpu(): Promise<GpuProbe & { info: GpuInfo }> {
  let webglRenderer: string | null = null;
  let webglVendor: string | null = null;
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (gl) {
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      webglRenderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      webglVendor = String(gl.getParameter(ext ? ext.UNMASKED_VENDOR_WEBGL : gl.VENDOR));
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    webglRenderer = null;
  }
  const webglIsHardware = isHardwareRenderer(webglRenderer);
  let webgpu = false;
  let webgpuAdapter: GpuInfo['webgpuAdapter'] = null;
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  if (gpu) {
    try {
      const adapter = await withTimeout(gpu.requestAdapter(), 2000, 'webgpu adapter');
      const isFallbackAdapter = adapter?.info?.isFallbackAdapter ?? adapter?.isFallbackAdapter ?? false;
      webgpu = adapter !== null && !isFallbackAdapter;
      if (adapter) {
        const info = adapter.info ?? {};
        webgpuAdapter = {
          vendor: info.vendor ?? '',
          architecture: info.architecture ?? '',
          device: info.device ?? '',
          description: info.description ?? '',
          isFallbackAdapter,
        };
      }
    } catch {
      webgpu = false;
    }
  }
  // WebGPU on a software adapter is no better than software GL: only trust it next to a hardware GL.
  return { webgpu: webgpu && webglIsHardware, webglRenderer, webglIsHardware, info: { webglRenderer, webglVendor, webgpuAdapter } };
}

export interface BackendChoice {
  backend: Backend;
  threads: boolean;
  /** Threads in the wasm pool when `threads`, else null. */
  threadCount: number | null;
  failures: string[];
}

/**
 * `wasmThreads` sizes tfjs's wasm thread pool (null: tfjs's default, half the logical cores up to 8, and the
 * single-threaded build where that is one thread: wantsWasmThreads);
 * on a busy or many-core machine fewer threads can be faster, so the bench can sweep it.
 */
export async function initBackend(candidates: Backend[], wasmPath: string, timeoutMs: number, wasmThreads: number | null = null): Promise<BackendChoice> {
  const failures: string[] = [];
  setWasmPaths(wasmPath);
  if (wasmThreads !== null) setThreadsCount(wasmThreads);
  if (!wantsWasmThreads(navigator.hardwareConcurrency || 1, wasmThreads)) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  for (const backend of candidates) {
    try {
      const ok = await withTimeout(LOADERS[backend]().then(() => tf.setBackend(backend)), timeoutMs, `${backend} init`);
      if (!ok) throw new Error(`${backend} refused to initialise`);
      await tf.ready();
      const threads = backend === 'wasm' && self.crossOriginIsolated && tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
      return { backend, threads, threadCount: threads ? getThreadsCount() : null, failures };
    } catch (error) {
      failures.push(`${backend}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`no backend could start (${failures.join('; ')})`);
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error: unknown) => { clearTimeout(timer); reject(error); },
    );
  });
}

