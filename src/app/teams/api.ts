/**
 * Calls to the teams API with the user's access token. Every failure becomes an ApiProblem the UI
 * can explain: offline, sign-in needed (after one silent retry with a fresh token), server trouble,
 * or the API's own refusal (its error code is kept). Answers the page depends on are checked
 * against their contract (src/core/api); a malformed one is server trouble too.
 */
import type { Static, TSchema } from 'typebox';
import { getAccessToken, markSignInRequired, SignInRequiredError } from '../auth';
import { noteIdentifiedRequest } from '../aggregates/traffic';

export type ProblemKind = 'offline' | 'sign-in' | 'server' | 'unavailable' | 'not-found' | 'forbidden' | 'invalid' | 'conflict' | 'rate-limited';

export class ApiProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    /** The API's error code (e.g. "invite-not-found"), when it sent one. */
    readonly code: string | null,
    message: string,
    /** Seconds the server asked to wait (Retry-After of a 429). */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }
}

/** Any failure as an ApiProblem (one that is not already one counts as server trouble). */
export function asProblem(error: unknown): ApiProblem {
  return error instanceof ApiProblem ? error : new ApiProblem('server', null, error instanceof Error ? error.message : String(error));
}

export const teamPath = (teamId: string) => `/api/teams/${encodeURIComponent(teamId)}`;

function kindOf(status: number): ProblemKind {
  if (status === 404) return 'not-found';
  if (status === 403) return 'forbidden';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'server';
  return 'invalid';
}

async function send(method: string, path: string, token: string, body?: unknown): Promise<Response> {
  // Anonymous uploads keep their distance from identified requests (aggregates/traffic.ts).
  noteIdentifiedRequest();
  try {
    return await fetch(path, {
      method,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiProblem('offline', null, error instanceof Error ? error.message : String(error));
  }
}

async function token(forceRefresh = false): Promise<string> {
  try {
    return await getAccessToken({ forceRefresh });
  } catch (error) {
    if (error instanceof SignInRequiredError) throw new ApiProblem(error.problem === 'offline' ? 'offline' : 'sign-in', null, error.message);
    throw error;
  }
}

async function errorBody(response: Response): Promise<{ error: string | null; message: string }> {
  try {
    const body = (await response.json()) as { error?: unknown; message?: unknown };
    return { error: typeof body.error === 'string' ? body.error : null, message: typeof body.message === 'string' ? body.message : `HTTP ${response.status}` };
  } catch {
    return { error: null, message: `HTTP ${response.status}` };
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  if (!navigator.onLine) throw new ApiProblem('offline', null, 'navigator.onLine is false');
  let response = await send(method, path, await token(), body);
  if (response.status === 401) {
    // The cached token may have been refused early (clock skew, new keys): one fresh try.
    response = await send(method, path, await token(true), body);
  }
  if (response.status === 401) {
    const refusal = await errorBody(response);
    markSignInRequired(refusal.message);
    throw new ApiProblem('sign-in', refusal.error, refusal.message);
  }
  if (!response.ok) {
    const refusal = await errorBody(response);
    const wait = Number(response.headers.get('retry-after'));
    throw new ApiProblem(kindOf(response.status), refusal.error, refusal.message, Number.isFinite(wait) && wait > 0 ? wait : null);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/**
 * api(), with the answer checked against its reply schema. typebox/value interprets the schema (no
 * eval: fits the CSP); loaded on first use, it keeps ~27 kB gzip out of the first page load.
 */
export async function apiChecked<S extends TSchema>(reply: S, method: Method, path: string, body?: unknown): Promise<Static<S>> {
  const answer = await api<unknown>(method, path, body);
  const { Check } = await import('typebox/value');
  if (!Check(reply, answer)) throw new ApiProblem('server', null, `Unexpected answer to ${method} ${path.split('?')[0]}`);
  return answer;
}
