import { afterEach, describe, expect, it, vi } from 'vitest';
import { heapMb, percentile } from '../../src/bench/stats';

const g = globalThis as unknown as { crossOriginIsolated?: boolean };
const perf = performance as unknown as { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> };

afterEach(() => {
  vi.useRealTimers();
  delete g.crossOriginIsolated;
  delete perf.measureUserAgentSpecificMemory;
});

describe('bench page helpers (issue 14)', () => {
  it('gives up on a memory measurement that never answers, instead of hanging the run', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    g.crossOriginIsolated = true;
    perf.measureUserAgentSpecificMemory = () => new Promise(() => undefined); // what 8 wasm threads did
    let settled: number | undefined;
    const pending = heapMb(5000).then((mb) => { settled = mb; });
    await vi.advanceTimersByTimeAsync(4999);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(settled).toBeNaN(); // Node has no performance.memory to fall back on
  });

  it('uses the measurement when it answers in time', async () => {
    g.crossOriginIsolated = true;
    perf.measureUserAgentSpecificMemory = async () => ({ bytes: 3 * 1048576 });
    expect(await heapMb(5000)).toBe(3);
  });

  it('takes percentiles by rank', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([5, 1, 4, 2, 3], 95)).toBe(5);
    expect(percentile([], 50)).toBeNaN();
  });
});
