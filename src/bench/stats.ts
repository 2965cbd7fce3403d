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

/**
 * JS heap of the page and its workers (needs cross-origin isolation), else the page's heap.
 * measureUserAgentSpecificMemory may never resolve (seen with 8 wasm threads): bounded by `timeoutMs`.
 */
export async function heapMb(timeoutMs: number): Promise<number> {
  const measure = (performance as unknown as { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> }).measureUserAgentSpecificMemory;
  if (measure && crossOriginIsolated) {
    try {
      const result = await Promise.race([
        measure.call(performance),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs)),
      ]);
      return result.bytes / 1048576;
    } catch {
      // fall through
    }
  }
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? memory.usedJSHeapSize / 1048576 : NaN;
}

interface TrackStats { totalFrames: number; deliveredFrames: number; discardedFrames: number }

/**
 * The camera's delivered frame rate, independent of how fast anyone consumes: Chromium's
 * `MediaStreamTrack.stats.totalFrames` (every frame the source produced, delivered or discarded),
 * else the preview video's presented frames (requestVideoFrameCallback). Both are reported.
 */
export function cameraFrameCounter(track: MediaStreamTrack, video: HTMLVideoElement): {
  source: 'track.stats' | 'video-presented-frames';
  frames(): number;
  presented(): number;
  /** The track's delivered and discarded counts (Chromium), or null. */
  track(): { deliveredFrames: number; discardedFrames: number } | null;
  stop(): void;
} {
  let presented = 0;
  let active = true;
  const tick: VideoFrameRequestCallback = (_now, meta) => {
    presented = meta.presentedFrames;
    if (active) video.requestVideoFrameCallback(tick);
  };
  video.requestVideoFrameCallback(tick);
  const stats = () => (track as unknown as { stats?: TrackStats }).stats;
  const hasStats = typeof stats()?.totalFrames === 'number';
  return {
    source: hasStats ? 'track.stats' : 'video-presented-frames',
    frames: () => (hasStats ? stats()!.totalFrames : presented),
    presented: () => presented,
    track: () => {
      const s = hasStats ? stats()! : null;
      return s ? { deliveredFrames: s.deliveredFrames, discardedFrames: s.discardedFrames } : null;
    },
    stop: () => { active = false; },
  };
}
