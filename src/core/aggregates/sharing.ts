/**
 * "Share my movement with this team" off: a device-only choice per team, kept as the spans of
 * local days during which sharing was paused. A day that was paused at any moment is never
 * uploaded for that team (its upload is the whole day's sum, so part of it would have been
 * played while paused), and turning sharing back on never back-fills such a day. Pure: the
 * Teams switch writes spans, the upload planner reads them.
 */
import { isDay } from '../calendar';

/** From `from` to `to` inclusive (YYYY-MM-DD, local days); `to` null: paused now. */
export interface PauseSpan { from: string; to: string | null }

/** Team id → its pause spans, oldest first. */
export type Pauses = Record<string, PauseSpan[]>;

/** The settings key (device-only: never sent to the server; in the local export like every setting). */
export const PAUSES_KEY = 'teams.sharingPaused';

/** A stored value read back safely: anything malformed is dropped (an unreadable span cannot pause). */
export function parsePauses(value: unknown): Pauses {
  const out: Pauses = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  for (const [team, spans] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(spans)) continue;
    const good = spans.filter(
      (s): s is PauseSpan =>
        typeof s === 'object' && s !== null && isDay((s as PauseSpan).from) && ((s as PauseSpan).to === null || (isDay(String((s as PauseSpan).to)) && (s as PauseSpan).to! >= (s as PauseSpan).from)),
    );
    if (good.length > 0) out[team] = good.map(({ from, to }) => ({ from, to }));
  }
  return out;
}

/** Sharing with the team is paused right now. */
export function isPaused(spans: readonly PauseSpan[] | undefined): boolean {
  return !!spans?.some((s) => s.to === null);
}

/** The team's upload for `day` is skipped: the day was paused at some moment. */
export function pausedOn(spans: readonly PauseSpan[] | undefined, day: string): boolean {
  return !!spans?.some((s) => s.from <= day && (s.to === null || day <= s.to));
}

/** Pauses from `today` on (no change when already paused). */
export function pause(spans: readonly PauseSpan[] | undefined, today: string): PauseSpan[] {
  const list = [...(spans ?? [])];
  return isPaused(list) ? list : [...list, { from: today, to: null }];
}

/** Resumes: the open span ends with `today`, which stays paused (part of it was). */
export function resume(spans: readonly PauseSpan[] | undefined, today: string): PauseSpan[] {
  return (spans ?? []).map((s) => (s.to === null ? { from: s.from, to: today < s.from ? s.from : today } : s));
}
