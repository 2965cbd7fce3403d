/**
 * Token issuance, client side (docs/design.md §7.1–7.2): with the user's sign-in, ask for one token per team
 * and day for the coming week, always the full batch (whether or not the user will move, so the
 * request says nothing). Keys come from the public list only; a (team, day) without a published
 * key is not asked for, and the worker refuses any answer not made with the published key.
 */
import { ISSUE_DAYS, UPLOAD_WINDOW_DAYS } from '../../core/aggregates';
import { addDays, utcDay } from '../../core/calendar';
import { pinKeys } from '../../core/aggregates/timing';
import { Issuance, KeyList } from '../../core/api/aggregates';
import { apiChecked } from '../teams/api';
import { allTokens, allUploads, deleteTokens, putTokens } from './store';
import { anonymousFetch, knownRoute } from './relay';
import { TokenClient } from './token-client';
import { readStoredJson } from '../storage/web-storage';

export class KeyListError extends Error {
  override name = 'KeyListError';
}

const PINS = 'microbreak.token-keys';

interface Pins {
  fetchedAt: number;
  keys: Record<string, string>;
  /** (team, day) pairs whose key changed after it was pinned: never used. */
  refused: string[];
}

export function readPins(): Pins {
  // A broken entry is replaced by the next fetch.
  const value = readStoredJson(PINS) as Pins | null;
  if (value && typeof value.keys === 'object') return { fetchedAt: value.fetchedAt ?? 0, keys: value.keys, refused: value.refused ?? [] };
  return { fetchedAt: 0, keys: {}, refused: [] };
}

/**
 * Fetches the public key list (same for everybody, no credentials, no referrer, through the relay
 * when there is one) and pins each
 * (team, day) key the first time it is seen. The scheduler calls this at random moments, apart
 * from signed-in calls, so the list cannot be tailored to the person about to ask for tokens.
 */
export async function fetchAndPinKeys(now = new Date()): Promise<{ changed: string[] }> {
  // Through the relay when the endpoint names one: the server cannot tell who asks.
  const response = await anonymousFetch(knownRoute(), '/api/token-keys');
  if (!response.ok) throw new KeyListError(`The token key list could not be loaded (HTTP ${response.status}).`);
  const list: unknown = await response.json();
  // Loaded on first use, like apiChecked: typebox/value stays out of the first page load.
  const { Check } = await import('typebox/value');
  if (!Check(KeyList, list)) throw new KeyListError('The token key list is not one this app understands.');
  const before = readPins();
  const { pinned, changed } = pinKeys(before.keys, list.keys, addDays(utcDay(now), -UPLOAD_WINDOW_DAYS));
  const refused = [...new Set([...before.refused, ...changed])].filter((id) => pinned[id] !== undefined);
  localStorage.setItem(PINS, JSON.stringify({ fetchedAt: now.getTime(), keys: pinned, refused } satisfies Pins));
  return { changed };
}

/** The pinned keys that may be used: a (team, day) whose key ever changed is left out. */
export function publishedKeys(): Map<string, string> {
  const pins = readPins();
  const refused = new Set(pins.refused);
  return new Map(Object.entries(pins.keys).filter(([id]) => !refused.has(id)));
}

export interface RefreshResult {
  requested: number;
  stored: number;
  /** (team, day) pairs skipped because their key is not in the published list. */
  unpublished: number;
  refused: { team: string; day: string; error: string }[];
}

/** Drops every token held (account deleted: no more uploads for days to come). */
export async function forgetTokens(): Promise<void> {
  await deleteTokens((await allTokens()).map((t) => t.id));
}

/**
 * Makes sure a token is held for every (team, day) of the coming week. `teamIds` must be the
 * server's current list: tokens of teams the user has left are dropped. `askFor`: the teams to ask
 * tokens for (those with ≥ k members); tokens of other member teams are kept.
 */
export async function refreshTokens(teamIds: string[], now = new Date(), askFor: string[] = teamIds): Promise<RefreshResult> {
  const today = utcDay(now);
  const held = await allTokens();
  const members = new Set(teamIds);
  // Tokens for teams left, or for days whose upload window has passed, guard nothing any more.
  await deleteTokens(held.filter((t) => !members.has(t.team) || t.day < addDays(today, -UPLOAD_WINDOW_DAYS)).map((t) => t.id));
  const have = new Set([...held.map((t) => t.id), ...(await allUploads()).map((u) => u.id)]);
  const wanted = askFor.filter((team) => members.has(team)).flatMap((team) => Array.from({ length: ISSUE_DAYS }, (_, i) => ({ team, day: addDays(today, i) }))).filter((w) => !have.has(`${w.team}|${w.day}`));
  const result: RefreshResult = { requested: 0, stored: 0, unpublished: 0, refused: [] };
  if (wanted.length === 0) return result;

  // Only pinned keys, fetched earlier at a random moment (never right before this signed-in call).
  const keys = publishedKeys();
  const targets = wanted.flatMap((w) => {
    const publicKey = keys.get(`${w.team}|${w.day}`);
    return publicKey ? [{ ...w, publicKey }] : [];
  });
  result.unpublished = wanted.length - targets.length;
  if (targets.length === 0) return result;

  const client = new TokenClient();
  try {
    const requests = await client.blind(targets);
    result.requested = requests.length;
    const answer = await apiChecked(Issuance, 'POST', '/api/tokens', { requests });
    result.refused = [...answer.refused];
    const { tokens, failed } = await client.finalize(answer.issued);
    for (const f of failed) result.refused.push({ team: f.team, day: f.day, error: 'invalid-issuer-response' });
    await putTokens(tokens.map((t) => ({ id: `${t.team}|${t.day}`, team: t.team, day: t.day, token: t.token })));
    result.stored = tokens.length;
    return result;
  } finally {
    client.close();
  }
}
