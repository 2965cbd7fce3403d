import { describe, expect, it } from 'vitest';
import { candidateOrder, defaultWasmThreads, isHardwareRenderer, wantsWasmThreads } from '../../workers/pose/backend-order';

const software = { webgpu: false, webglRenderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)', webglIsHardware: false };
const gpu = { webgpu: true, webglRenderer: 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)', webglIsHardware: true };

describe('backend choice', () => {
  it('recognises software renderers', () => {
    expect(isHardwareRenderer(software.webglRenderer)).toBe(false);
    expect(isHardwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(false);
    expect(isHardwareRenderer('Microsoft Basic Render Driver')).toBe(false);
    expect(isHardwareRenderer(gpu.webglRenderer)).toBe(true);
    expect(isHardwareRenderer(null)).toBe(false);
  });

  it('uses wasm only on software GL (it is ~10x faster than SwiftShader here)', () => {
    expect(candidateOrder(software, null, null)).toEqual(['wasm']);
  });

  it('prefers the GPU on a real one, with wasm as the last fallback', () => {
    expect(candidateOrder(gpu, null, null)).toEqual(['webgpu', 'webgl', 'wasm']);
  });

  it('tries the remembered backend first, but only if this device still offers it', () => {
    expect(candidateOrder(gpu, 'webgl', null)).toEqual(['webgl', 'webgpu', 'wasm']);
    expect(candidateOrder(software, 'webgl', null)).toEqual(['wasm']);
  });

  it('honours a forced backend alone (tests, developer settings)', () => {
    expect(candidateOrder(software, 'wasm', 'webgl')).toEqual(['webgl']);
  });

  it('uses tfjs\'s wasm thread count (half the cores, 1 to 8), and the threaded build only for two threads or more', () => {
    expect([1, 2, 3, 4, 16, 64].map(defaultWasmThreads)).toEqual([1, 1, 1, 2, 8, 8]);
    expect(wantsWasmThreads(2, null)).toBe(false); // 8 pool workers to compute on one thread
    expect(wantsWasmThreads(4, null)).toBe(true);
    expect(wantsWasmThreads(2, 1)).toBe(true); // asked for (bench --threads): honoured
  });
});
