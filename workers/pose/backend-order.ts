/** Pure backend ordering, separate from tfjs so it can be unit-tested anywhere. */
import type { Backend } from './protocol';

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen/i;

export interface GpuProbe {
  webgpu: boolean;
  webglRenderer: string | null;
  webglIsHardware: boolean;
}

/** A renderer string that names a real GPU (not SwiftShader, llvmpipe, Microsoft Basic Render…). */
export function isHardwareRenderer(renderer: string | null): boolean {
  return renderer !== null && renderer !== '' && !SOFTWARE_RENDERER.test(renderer);
}

/** Preferred order for this device: remembered choice first, then GPU backends if the GPU is real, wasm last. */
export function candidateOrder(probe: GpuProbe, remembered: Backend | null, forced: Backend | null): Backend[] {
  if (forced) return [forced];
  const order: Backend[] = [];
  if (probe.webgpu) order.push('webgpu');
  if (probe.webglIsHardware) order.push('webgl');
  order.push('wasm');
  if (remembered && order.includes(remembered)) {
    return [remembered, ...order.filter((b) => b !== remembered)];
  }
  return order;
}

/** tfjs's own wasm thread count when none is asked for: half the logical cores, 1 to 8. */
export function defaultWasmThreads(cores: number): number {
  return Math.min(8, Math.max(1, Math.floor(cores / 2)));
}

/**
 * Whether to load tfjs's threaded wasm build: a thread count was asked for, or tfjs would use two
 * or more. That build starts a pool of 8 workers, each loading the module, before it is ready
 * (≈ 200–400 ms of a 2-core machine's start-up, issue 14); one computing thread gains nothing from it.
 */
export function wantsWasmThreads(cores: number, requested: number | null): boolean {
  return requested !== null || defaultWasmThreads(cores) >= 2;
}
