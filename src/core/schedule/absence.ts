/**
 * How long the user has been away, from what a web page can know. The system's own idle state
 * (Idle Detection API, which also sees a locked screen) wins when granted; otherwise only input
 * while the app has focus tells us anything: without focus the user may be typing in another app,
 * so that is never counted as away. (A sleeping machine shows up in the schedule itself, as a
 * timer that fired late.)
 */
export interface AbsenceSignals {
  /** Last keyboard/pointer input in the app, or the moment it gained focus. */
  lastInputAt: number;
  /** The app's window has keyboard focus. */
  focused: boolean;
  /** The system reports the user idle or the screen locked since then (Idle Detection); null: active or unknown. */
  systemIdleSince: number | null;
}

/** Input gaps shorter than this are reading or thinking, not absence. */
export const PAGE_IDLE_THRESHOLD_MS = 60_000;

/** Milliseconds the user has been away at `now`; 0 when present or when the page cannot tell. */
export function awayMs(signals: AbsenceSignals, now: number): number {
  if (signals.systemIdleSince !== null) return Math.max(0, now - signals.systemIdleSince);
  if (!signals.focused) return 0;
  const gap = now - signals.lastInputAt;
  return gap >= PAGE_IDLE_THRESHOLD_MS ? gap : 0;
}
