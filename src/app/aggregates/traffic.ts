/**
 * What the upload scheduler must know about this page's traffic (core/aggregates/timing): when
 * the last identified request (any signed-in API call) and the last anonymous upload went.
 */
import type { TrafficState } from '../../core/aggregates/timing';

export const traffic: TrafficState = { lastIdentifiedAt: -Infinity, lastUploadAt: -Infinity, gapMs: 0 };

/** Called by every signed-in API call, before it goes. */
export function noteIdentifiedRequest(now = Date.now()): void {
  traffic.lastIdentifiedAt = now;
}
