/**
 * The upload pipeline's clock: tokens are topped up while signed in (once a day, and whenever the
 * team list changes); closed days are queued and due uploads sent at start, every minute, when
 * the connection comes back and when the app comes to the front. Errors never reach the user
 * as failures of their own actions: they are kept on each upload and shown on the Privacy page.
 */
import { effect, signal } from '@preact/signals';
import { MIN_CONTRIBUTORS } from '../../core/aggregates';
import { auth } from '../auth';
import { busy, loadTeams, teams, teamsFromCache } from '../teams/state';
import { refreshTokens, utcDay, type RefreshResult } from './tokens';
import { planUploads, sendDueUploads, type SendResult } from './uploads';

export { endpointCheck } from './uploads';

const TICK_MS = 60_000;
const ONLINE_RETRIES_MS = [3_000, 10_000, 30_000];

/** Bumped after every run, so views showing the queue can re-read it. */
export const uploadsChanged = signal(0);
export const lastTokenRefresh = signal<{ at: number; result: RefreshResult | null; error: string | null } | null>(null);

let running: Promise<SendResult | null> | null = null;
let again = false;

/**
 * Queues closed days and sends what is due. A call during a run asks for one more run after it
 * (the connection may have come back after that run's attempt failed).
 */
export function runUploads(): Promise<SendResult | null> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      await planUploads();
      return await sendDueUploads();
    } catch (error) {
      console.warn('uploads:', error);
      return null;
    } finally {
      running = null;
      uploadsChanged.value++;
      if (again) {
        again = false;
        void runUploads();
      }
    }
  })();
  return running;
}

let refreshedFor = '';

async function topUpTokens(list: { id: string; memberCount: number }[]): Promise<void> {
  const teamIds = list.map((t) => t.id);
  // A team under k members gets no tokens (the server refuses them too): its sums would be one person's.
  const eligible = list.filter((t) => t.memberCount >= MIN_CONTRIBUTORS).map((t) => t.id);
  const key = `${utcDay(new Date())}:${[...teamIds].sort().join(',')}:${[...eligible].sort().join(',')}`;
  if (key === refreshedFor) return;
  refreshedFor = key;
  try {
    lastTokenRefresh.value = { at: Date.now(), result: await refreshTokens(teamIds, new Date(), eligible), error: null };
  } catch (error) {
    refreshedFor = ''; // try again on the next tick
    lastTokenRefresh.value = { at: Date.now(), result: null, error: error instanceof Error ? error.message : String(error) };
  }
  uploadsChanged.value++;
}

let started = false;

export function startAggregates(): void {
  if (started) return;
  started = true;
  // Only the server's own list counts: a cached (offline) list may be stale.
  const currentTeams = () => (auth.value.status === 'signed-in' && teams.value && !teamsFromCache.value ? teams.value : null);
  // Tokens need the team list, which otherwise loads only when the Teams view opens.
  let loadedOnce = false;
  effect(() => {
    if (auth.value.status === 'signed-in' && teams.value === null && !loadedOnce && busy.peek() === null) {
      loadedOnce = true;
      void loadTeams();
    }
  });
  effect(() => {
    const ids = currentTeams();
    if (ids) void topUpTokens(ids); // [] too: drops the tokens of a team just left
  });
  const tick = () => {
    const ids = currentTeams();
    if (ids) void topUpTokens(ids); // [] too: drops the tokens of a team just left
    void runUploads();
  };
  tick();
  setInterval(tick, TICK_MS);
  // "online" often comes before the connection really carries requests (and before the service
  // worker sees it): try again shortly after, too.
  addEventListener('online', () => {
    tick();
    for (const delay of ONLINE_RETRIES_MS) setTimeout(() => void runUploads(), delay);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') tick();
  });
}
