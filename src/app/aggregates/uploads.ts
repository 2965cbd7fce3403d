/**
 * The anonymous upload (docs/design.md §7.3). After a day is over, each held token becomes one queued
 * upload of that day's totals for that team (also when they are zero), due at a random moment in
 * a fixed window, drawn independently per team. Sending uses no cookie, no Authorization, no
 * referrer and a fixed body; it goes only to an endpoint whose metadata states EU/EEA. A failed
 * attempt stays queued (offline, server trouble) until the server's deadline for that day.
 */
import { signal } from '@preact/signals';
import type { Metric } from '../../core/aggregates';
import { endpointRefusal } from '../../core/aggregates/endpoint';
import { parsePauses, pausedOn, PAUSES_KEY } from '../../core/aggregates/sharing';
import { randomizedRound, uploadDeadline, uploadDueAt } from '../../core/aggregates/timing';
import { contributionBody } from '../../core/aggregates/upload-body';
import { EndpointMetadata } from '../../core/api/metadata';
import { localDay, localDayEnd } from '../../core/calendar';
import { sumDaily } from '../../core/metrics';
import { sessionsBetween } from '../storage/sessions';
import { getSetting } from '../storage/settings';
import type { StoredUpload } from '../storage/db';
import { allTokens, allUploads, deleteTokens, putUpload, queueUpload } from './store';
import { ANONYMOUS_INIT, RelayKeyChanged, anonymousFetch, knownRoute, rememberRoute, routeOf, type Route } from './relay';

export const CONTRIBUTIONS_URL = '/api/contributions';
export const METADATA_URL = '/.well-known/microbreak-endpoint.json';

/** The request options of every direct upload: nothing that could say who sent it (relay.ts sends them). */
export const UPLOAD_INIT: RequestInit = {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  ...ANONYMOUS_INIT,
  mode: 'same-origin',
};

/** What the last endpoint check found (shown on the Privacy page). */
export const endpointCheck = signal<{ metadata: EndpointMetadata | null; refusal: string | null } | null>(null);

/** A uniform number in [0, 1) from the CSPRNG. */
export function secureRandom01(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] / 2 ** 32;
}

/**
 * A day's values for one upload. Unbiased randomized rounding, drawn per upload: two teams of one
 * person get independently rounded values, so the same tuple is not sent to both.
 */
export async function dayValues(day: string, random01: () => number): Promise<Record<Metric, number>> {
  const totals = sumDaily(await sessionsBetween(day, day))[0];
  return {
    activeMinutes: randomizedRound((totals?.activeSeconds ?? 0) / 60, random01),
    reps: randomizedRound(totals?.reps ?? 0, random01),
    movementPoints: randomizedRound(totals?.movementPoints ?? 0, random01),
  };
}

/**
 * Turns tokens of days that are over into queued uploads; returns how many were queued. A day on
 * which sharing with the team was paused (Teams: "Share my movement with this team" off, at any
 * moment of the day) is never uploaded for that team: its token is dropped here, unspent. Tokens
 * are still fetched for paused teams like for any other (index.ts, tokens.ts): the signed-in
 * request is the same whether or not the person will share, so the server cannot tell who paused.
 */
export async function planUploads(now = new Date(), random01 = secureRandom01): Promise<number> {
  const today = localDay(now);
  const ready = (await allTokens()).filter((t) => t.day < today && localDayEnd(t.day) <= now.getTime());
  if (ready.length === 0) return 0;
  const pauses = parsePauses(await getSetting<unknown>(PAUSES_KEY, null));
  const skipped = ready.filter((t) => pausedOn(pauses[t.team], t.day));
  await deleteTokens(skipped.map((t) => t.id));
  let queued = 0;
  for (const token of ready.filter((t) => !skipped.includes(t))) {
    const upload: StoredUpload = {
      id: token.id,
      team: token.team,
      day: token.day,
      body: contributionBody(token.token, token.team, token.day, await dayValues(token.day, random01)),
      dueAt: uploadDueAt(token.day, localDayEnd(token.day), random01()),
      deadline: uploadDeadline(token.day),
      state: 'queued',
      attempts: 0,
      lastAttemptAt: null,
      status: null,
      error: null,
    };
    if (await queueUpload(upload)) queued++;
  }
  return queued;
}

/**
 * Reads the endpoint's metadata and judges it; null metadata when unreachable. It goes the way the
 * send that follows goes (through the known relay, or directly), so a direct request never sits
 * beside a relayed upload. `route`: the metadata's relay, and whether it is the one that was used.
 */
export async function checkEndpoint(): Promise<{ metadata: EndpointMetadata | null; refusal: string | null; route: Route | null; routeChanged: boolean }> {
  const used = knownRoute();
  let metadata: unknown = null;
  let unread: string | null = null;
  try {
    const response = await anonymousFetch(used, METADATA_URL);
    if (response.ok) metadata = await response.json();
    else unread = response.status >= 500 ? 'offline' : 'no-metadata';
  } catch (error) {
    unread = error instanceof RelayKeyChanged ? 'relay-key-changed' : 'offline';
  }
  if (unread) {
    endpointCheck.value = { metadata: null, refusal: unread };
    return { ...endpointCheck.value, route: used, routeChanged: false };
  }
  const refusal = endpointRefusal(metadata);
  const route = refusal === 'no-metadata' ? used : routeOf(metadata);
  const routeChanged = JSON.stringify(route) !== JSON.stringify(used);
  if (routeChanged) rememberRoute(route);
  const { Check } = await import('typebox/value');
  endpointCheck.value = { metadata: Check(EndpointMetadata, metadata) ? metadata : null, refusal };
  return { ...endpointCheck.value, route, routeChanged };
}

/** Retry delay after a server failure: 1, 2, 4 … minutes, at most 3 hours. */
const backoff = (attempts: number) => Math.min(3 * 3_600_000, 60_000 * 2 ** Math.max(0, attempts - 1));

/** Errors after which the same upload can never succeed. */
const FINAL_STATUSES = new Set([400, 403, 409, 413, 422]);

async function errorCode(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : `http-${response.status}`;
  } catch {
    return `http-${response.status}`;
  }
}

/** Marks uploads past the server's deadline expired; returns the ones still queued. */
export async function queuedUploads(now: number): Promise<StoredUpload[]> {
  const out: StoredUpload[] = [];
  for (const upload of (await allUploads()).filter((u) => u.state === 'queued')) {
    if (now > upload.deadline) await putUpload({ ...upload, state: 'expired', error: 'deadline-passed' });
    else out.push(upload);
  }
  return out;
}

export type SendOutcome = 'sent' | 'failed' | 'waiting' | 'blocked';

/**
 * Sends one upload, after checking the endpoint's jurisdiction (every time: the metadata may have
 * changed). `waiting`: offline or server trouble, it stays queued; `blocked`: the endpoint is not
 * acceptable (or unreachable), nothing was sent.
 */
export async function sendUpload(upload: StoredUpload, now: number): Promise<SendOutcome> {
  const { refusal, route, routeChanged } = await checkEndpoint();
  if (refusal) {
    await putUpload({ ...upload, lastAttemptAt: now, error: refusal === 'offline' ? 'offline' : refusal === 'relay-key-changed' ? refusal : `endpoint-${refusal}` });
    return 'blocked';
  }
  // The metadata named another way (a relay, or none any more): it came the old way, so the upload
  // waits for a fresh random moment and then goes the new way, with its endpoint check.
  if (routeChanged) return 'blocked';
  const attempt = { ...upload, attempts: upload.attempts + 1, lastAttemptAt: now };
  let response: Response;
  try {
    response = route ? await anonymousFetch(route, CONTRIBUTIONS_URL, upload.body) : await fetch(CONTRIBUTIONS_URL, { ...UPLOAD_INIT, body: upload.body });
  } catch (error) {
    // Offline, the relay failed, or the connection broke: the same bytes go again later (the server counts a token once).
    await putUpload({ ...attempt, status: null, error: error instanceof RelayKeyChanged ? 'relay-key-changed' : 'offline' });
    return error instanceof RelayKeyChanged ? 'blocked' : 'waiting';
  }
  if (response.ok) {
    await putUpload({ ...attempt, state: 'sent', status: response.status, error: null });
    return 'sent';
  }
  if (FINAL_STATUSES.has(response.status)) {
    await putUpload({ ...attempt, state: 'failed', status: response.status, error: await errorCode(response) });
    return 'failed';
  }
  await putUpload({ ...attempt, status: response.status, error: await errorCode(response), dueAt: now + backoff(attempt.attempts) });
  return 'waiting';
}
