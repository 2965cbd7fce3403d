/**
 * When anonymous traffic may go (issue 12): identified requests (signed-in calls, token refresh)
 * and anonymous uploads must never sit next to each other in time, or the server's database
 * order (transaction ids, row versions) and a network observer tie them together. Pure rules;
 * the page's scheduler applies them with a CSPRNG and the real clock, tests with fake ones.
 */
import { UPLOAD_WINDOW_DAYS } from '.';
import { addDays, utcDayStart } from '../calendar';

/** No anonymous upload within this of an identified request (before or after it). */
export const QUIET_MS = 10 * 60_000;
/** An upload found overdue (e.g. at app start) waits a fresh random delay from this range. */
export const OVERDUE_DELAY_MS = { min: 12 * 60_000, max: 60 * 60_000 } as const;
/** Two uploads are at least a random gap from this range apart (never a burst). */
export const UPLOAD_GAP_MS = { min: 3 * 60_000, max: 20 * 60_000 } as const;
/** A needed token refresh waits a random delay from this range. */
export const REFRESH_DELAY_MS = { min: 60_000, max: 20 * 60_000 } as const;

/** A uniform number in [0, 1) from a CSPRNG. */
export type Random01 = () => number;

export function between(range: { min: number; max: number }, random01: Random01): number {
  return range.min + Math.floor(random01() * (range.max - range.min));
}

/**
 * The moment a queued upload is planned for in this app session: its own drawn moment when that
 * is still ahead and not close to the start; otherwise (overdue, e.g. the laptop woke up) a fresh
 * random delay from now, so it is never sent at app start.
 */
export function planSendAt(dueAt: number, startedAt: number, now: number, random01: Random01): number {
  if (dueAt > now && dueAt >= startedAt + OVERDUE_DELAY_MS.min) return dueAt;
  return now + between(OVERDUE_DELAY_MS, random01);
}

export interface TrafficState {
  /** Last identified request (any signed-in call), epoch ms; -Infinity when none. */
  lastIdentifiedAt: number;
  /** Last anonymous upload sent, epoch ms; -Infinity when none. */
  lastUploadAt: number;
  /** The gap drawn after the last upload. */
  gapMs: number;
}

/** May an upload planned for `sendAt` go now? */
export function mayUpload(now: number, sendAt: number, state: TrafficState): boolean {
  return now >= sendAt && now - state.lastIdentifiedAt >= QUIET_MS && now - state.lastUploadAt >= state.gapMs;
}

/** May a scheduled (not user-driven) identified request, such as the token refresh, go now? */
export function mayIdentify(now: number, state: TrafficState): boolean {
  return now - state.lastUploadAt >= QUIET_MS;
}

/**
 * Unbiased randomized rounding: floor(x) + 1 with probability frac(x). Its expectation is x, so
 * sums stay right, and two teams of the same person get independently rounded values (a member
 * of several teams never sends the same tuple twice by construction).
 */
export function randomizedRound(x: number, random01: Random01): number {
  if (!Number.isFinite(x)) return 0;
  const floor = Math.floor(x);
  return floor + (random01() < x - floor ? 1 : 0);
}

/** The public key list is fetched again (anonymously, at a random moment) when older than this. */
export const KEY_LIST_MAX_AGE_MS = 6 * 3_600_000;

/**
 * Key pinning: the first key seen for a (team, day) is kept; a list that later names another key
 * for it (a personal key, which would mark whoever uses it) is refused for that (team, day).
 * `pinned` maps `team|day` to the base64url public key. Pins of days no longer uploadable go.
 */
export function pinKeys(
  pinned: Record<string, string>,
  list: { team: string; day: string; publicKey: string }[],
  oldestDay: string,
): { pinned: Record<string, string>; changed: string[] } {
  const out: Record<string, string> = {};
  for (const [id, key] of Object.entries(pinned)) if (id.split('|')[1] >= oldestDay) out[id] = key;
  const changed: string[] = [];
  for (const { team, day, publicKey } of list) {
    const id = `${team}|${day}`;
    if (out[id] === undefined) out[id] = publicKey;
    else if (out[id] !== publicKey) changed.push(id);
  }
  return { pinned: out, changed };
}

/** Uploads are spread over this many hours after a day closes. */
export const UPLOAD_SPREAD_HOURS = 6;

/**
 * When the upload for `day` may go: the day must be over both where the person is (`localDayEnd`,
 * epoch ms of the next local midnight) and on the server's UTC calendar (which accepts a day
 * from the next UTC day on); then a moment drawn uniformly from the spread window, so the upload
 * time says nothing about when the person moved. `random01` must come from a CSPRNG.
 */
export function uploadDueAt(day: string, localDayEnd: number, random01: number): number {
  const utcDayEnd = utcDayStart(addDays(day, 1));
  const opens = Math.max(localDayEnd, utcDayEnd);
  return opens + Math.floor(random01 * UPLOAD_SPREAD_HOURS * 3_600_000);
}

/** The last moment the server still accepts an upload for `day` (end of UTC day D + UPLOAD_WINDOW_DAYS). */
export function uploadDeadline(day: string): number {
  return utcDayStart(addDays(day, UPLOAD_WINDOW_DAYS + 1)) - 1;
}
