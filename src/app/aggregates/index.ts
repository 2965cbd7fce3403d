/**
 * The upload pipeline's clock (issue 12): tokens are topped up while signed in (once a day, and
 * whenever the team list changes) at a random moment; closed days are queued, and each upload goes
 * at its own random moment, one at a time, never at app start and never near a signed-in call
 * (core/aggregates/timing). Errors never reach the user as failures of their own actions: they
 * are kept on each upload and shown on the Privacy page.
 */
import { createModel, effect, signal } from '@preact/signals';
import { MIN_CONTRIBUTORS } from '../../core/aggregates';
import { auth } from '../auth';
import type { TeamsModel } from '../teams/state';
import { utcDay } from '../../core/calendar';
import { fetchAndPinKeys, readPins, refreshTokens, type RefreshResult } from './tokens';
import { KEY_LIST_MAX_AGE_MS, QUIET_MS, REFRESH_DELAY_MS, UPLOAD_GAP_MS, between, mayIdentify, mayUpload, planSendAt } from '../../core/aggregates/timing';
import { traffic } from './traffic';
import { planUploads, queuedUploads, secureRandom01, sendUpload, type SendOutcome } from './uploads';

/** The scheduler looks every 30 s; what it may send is decided by core/aggregates/timing. */
const TICK_MS = 30_000;

export const AggregatesModel = createModel((teams: TeamsModel) => {
  /** Bumped after every run, so views showing the queue can re-read it. */
  const uploadsChanged = signal(0);
  const lastTokenRefresh = signal<{ at: number; result: RefreshResult | null; error: string | null } | null>(null);
  const started = signal(false);
  /** When this app session started: uploads found overdue then get a fresh random delay. */
  const startedAt = Date.now();
  /** Per queued upload, the moment planned for it in this session. */
  const plans = new Map<string, number>();
  let running: Promise<SendOutcome | null> | null = null;

  /**
   * Queues closed days, then sends at most ONE upload: the earliest planned, once its moment has
   * come, QUIET_MS after any identified request and a random gap after the previous upload. Never
   * at app start, never in a burst, never beside a signed-in call.
   */
  function runUploads(now = Date.now()): Promise<SendOutcome | null> {
    if (running) return running;
    running = (async () => {
      try {
        await planUploads(new Date(now));
        const queued = await queuedUploads(now);
        for (const id of plans.keys()) if (!queued.some((u) => u.id === id)) plans.delete(id);
        let next: { upload: (typeof queued)[number]; at: number } | null = null;
        for (const upload of queued) {
          if (!plans.has(upload.id)) plans.set(upload.id, planSendAt(upload.dueAt, startedAt, now, secureRandom01));
          const at = plans.get(upload.id) as number;
          if (!next || at < next.at) next = { upload, at };
        }
        if (!next || !mayUpload(now, next.at, traffic)) return null;
        traffic.lastUploadAt = now;
        traffic.gapMs = between(UPLOAD_GAP_MS, secureRandom01);
        const outcome = await sendUpload(next.upload, now);
        // Not sent: a fresh random moment later (a retry is never right away, nor at the next start).
        if (outcome !== 'sent' && outcome !== 'failed') plans.set(next.upload.id, planSendAt(-Infinity, startedAt, now, secureRandom01));
        return outcome;
      } catch (error) {
        console.warn('uploads:', error);
        return null;
      } finally {
        running = null;
        uploadsChanged.value++;
      }
    })();
    return running;
  }

  let refreshedFor = '';
  /** A needed refresh waits until this moment (drawn at random); null: none needed. */
  let refreshAt: number | null = null;

  async function topUpTokens(list: { id: string; memberCount: number }[], now = Date.now()): Promise<void> {
    const teamIds = list.map((t) => t.id);
    // A team under k members gets no tokens (the server refuses them too): its sums would be one person's.
    const eligible = list.filter((t) => t.memberCount >= MIN_CONTRIBUTORS).map((t) => t.id);
    const key = `${utcDay(new Date(now))}:${[...teamIds].sort().join(',')}:${[...eligible].sort().join(',')}`;
    if (key === refreshedFor) return;
    // At a random moment, and not right after an anonymous upload.
    refreshAt ??= now + between(REFRESH_DELAY_MS, secureRandom01);
    if (now < refreshAt || !mayIdentify(now, traffic)) return;
    refreshAt = null;
    refreshedFor = key;
    try {
      const result = await refreshTokens(teamIds, new Date(now), eligible);
      // Keys not pinned yet (the key list comes at its own moment): ask again later for those.
      if (result.unpublished > 0) refreshedFor = '';
      lastTokenRefresh.value = { at: now, result, error: null };
    } catch (error) {
      refreshedFor = ''; // try again later
      lastTokenRefresh.value = { at: now, result: null, error: error instanceof Error ? error.message : String(error) };
    }
    uploadsChanged.value++;
  }

  /** When the key list may next be fetched (a random moment); null: not planned. */
  let keysAt: number | null = null;
  let fetchingKeys = false;

  /** Fetches and pins the key list when it is old, at a random moment apart from signed-in calls. */
  async function refreshKeys(now = Date.now()): Promise<void> {
    if (fetchingKeys || now - readPins().fetchedAt < KEY_LIST_MAX_AGE_MS) return;
    keysAt ??= now + between(REFRESH_DELAY_MS, secureRandom01);
    if (now < keysAt || now - traffic.lastIdentifiedAt < QUIET_MS || !mayIdentify(now, traffic)) return;
    keysAt = null;
    fetchingKeys = true;
    try {
      const { changed } = await fetchAndPinKeys(new Date(now));
      if (changed.length > 0) console.warn(`token keys changed after they were pinned; not used: ${changed.length}`);
    } catch (error) {
      console.warn('token keys:', error);
    } finally {
      fetchingKeys = false;
    }
  }

  // Only the server's own list counts: a cached (offline) list may be stale.
  const currentTeams = () => (auth.value.status === 'signed-in' && teams.teamList.value && !teams.teamsFromCache.value ? teams.teamList.value : null);
  // Tokens need the team list, which otherwise loads only when the Teams view opens.
  let loadedOnce = false;
  effect(() => {
    if (started.value && auth.value.status === 'signed-in' && teams.teamList.value === null && !loadedOnce && teams.busy.peek() === null) {
      loadedOnce = true;
      void teams.loadTeams();
    }
  });
  effect(() => {
    const list = started.value ? currentTeams() : null;
    if (list) void topUpTokens(list); // [] too: drops the tokens of a team just left (at the drawn moment)
  });

  return {
    uploadsChanged,
    lastTokenRefresh,
    start(): void {
      if (started.value) return;
      started.value = true;
      const tick = () => {
        const list = currentTeams();
        if (list && list.length > 0) void refreshKeys();
        if (list) void topUpTokens(list);
        void runUploads();
      };
      // Coming online or to the front never sends anything by itself: the next tick decides.
      setInterval(tick, TICK_MS);
      void planUploads().then(() => (uploadsChanged.value++));
    },
  };
});
export type AggregatesModel = InstanceType<typeof AggregatesModel>;
