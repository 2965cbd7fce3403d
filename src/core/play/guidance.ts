/**
 * The get-ready message. It says the camera is starting until the first pose arrives (not "step into
 * the picture" while the model is still loading), and each message stays at least GUIDANCE_MIN_MS,
 * so a person at the edge of a rule (a wrist in and out of the picture) sees no flicker: a newer
 * message waits its turn, and only the latest waiting one is shown.
 */
import type { NeedKey } from '../games/types';

export type Guidance = 'loading' | NeedKey | 'hold-still';

export const GUIDANCE_MIN_MS = 1000;

/** What the get-ready screen should say now, before steadying: loading, a need, or "hold still". */
export function wantedGuidance(loading: boolean, needs: NeedKey | null): Guidance {
  return loading ? 'loading' : (needs ?? 'hold-still');
}

export class SteadyGuidance {
  private shownKey: Guidance;
  private since: number;
  private waiting: Guidance | null = null;

  constructor(initial: Guidance, now: number, private readonly minMs = GUIDANCE_MIN_MS) {
    this.shownKey = initial;
    this.since = now;
  }

  /** The message to show at `now` (ms, any monotonic clock), given the one wanted now. */
  update(wanted: Guidance, now: number): Guidance {
    this.waiting = wanted === this.shownKey ? null : wanted;
    return this.tick(now);
  }

  /** The message to show at `now` with nothing new wanted (a timer firing). */
  tick(now: number): Guidance {
    if (this.waiting !== null && now - this.since >= this.minMs) {
      this.shownKey = this.waiting;
      this.since = now;
      this.waiting = null;
    }
    return this.shownKey;
  }

  get shown(): Guidance {
    return this.shownKey;
  }

  /** When a waiting message may be shown (to set a timer), null when none waits. */
  get nextChangeAt(): number | null {
    return this.waiting === null ? null : this.since + this.minMs;
  }
}
