/** Small statistics helpers for the bench page. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const round = (value: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** Sums long tasks (≥ 50 ms on the main thread) while active. */
export function longTaskMeter(): { start(): void; stop(): number } {
  let total = 0;
  let counting = false;
  const observer = new PerformanceObserver((list) => {
    if (!counting) return;
    for (const entry of list.getEntries()) total += entry.duration;
  });
  try {
    observer.observe({ type: 'longtask', buffered: false });
  } catch {
    // longtask not supported: reports 0
  }
  return {
    start() { total = 0; counting = true; },
    stop() { counting = false; observer.disconnect(); return total; },
  };
}

/** JS heap of the page and its workers (needs cross-origin isolation), else the page's heap. */
export async function heapMb(): Promise<number> {
  const measure = (performance as unknown as { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> }).measureUserAgentSpecificMemory;
  if (measure && crossOriginIsolated) {
    try {
      return (await measure.call(performance)).bytes / 1048576;
    } catch {
      // fall through
    }
  }
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? memory.usedJSHeapSize / 1048576 : NaN;
}
