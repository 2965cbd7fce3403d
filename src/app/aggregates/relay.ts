/**
 * Anonymous requests of the page (uploads, the key list, the endpoint check before a send): through
 * the Oblivious HTTP relay that the endpoint metadata names (issue 12), or directly when it names
 * none. Either way a request carries a fixed, minimal header set: Content-Type for a body, no
 * credentials, no referrer, no cache. The gateway's key config is fetched through the relay
 * (the server cannot tell who asks) and pinned per key id like the team keys: a pinned id that
 * comes back with another key is refused for good, and nothing then falls back to sending directly.
 */
import { BHttpDecoder, BHttpEncoder } from 'bhttp-js';
import type { OhttpRoute } from '../../core/api/metadata';
import { REQUEST_MEDIA_TYPE, decodeKeys, encapsulateRequest, pinKeyConfig, type KeyConfig } from '../../core/ohttp';
import { readStoredJson } from '../storage/web-storage';

/** Where anonymous requests go: the relay resource and where the gateway's key config is fetched. */
export type Route = OhttpRoute;

/** The request options every anonymous request shares: nothing that could say who sent it. */
export const ANONYMOUS_INIT = { credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' } as const satisfies RequestInit;

export class RelayKeyChanged extends Error {
  override name = 'RelayKeyChanged';
}

const ROUTE = 'microbreak.ohttp-route';
const PINS = 'microbreak.ohttp-keys';

/** The route the last endpoint metadata named; null: send directly. */
export function knownRoute(): Route | null {
  const value = readStoredJson(ROUTE) as Route | null;
  return value && typeof value.relay === 'string' && typeof value.keys === 'string' ? value : null;
}

export function rememberRoute(route: Route | null): void {
  if (route) localStorage.setItem(ROUTE, JSON.stringify({ relay: route.relay, keys: route.keys }));
  else localStorage.removeItem(ROUTE);
}

/** A relay named by metadata, if it is a usable http(s) URL pair. */
export function routeOf(metadata: unknown): Route | null {
  const ohttp = (metadata as { ohttp?: { relay?: unknown; keys?: unknown } } | null)?.ohttp;
  if (!ohttp || typeof ohttp.relay !== 'string' || typeof ohttp.keys !== 'string') return null;
  const ok = (url: string) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol);
  return ok(ohttp.relay) && ok(ohttp.keys) ? { relay: ohttp.relay, keys: ohttp.keys } : null;
}

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

/** Fetches the gateway's key config through the relay and checks it against the pins. */
async function gatewayConfig(route: Route): Promise<KeyConfig> {
  const response = await fetch(route.keys, { ...ANONYMOUS_INIT, mode: 'cors' });
  if (!response.ok) throw new TypeError(`relay keys: HTTP ${response.status}`);
  const config = decodeKeys(new Uint8Array(await response.arrayBuffer()))[0];
  if (!config) throw new TypeError('relay keys: none supported');
  const pins = (readStoredJson(PINS) as Record<string, string> | null) ?? {}; // a broken entry is replaced
  const kept = pinKeyConfig(pins, config, b64);
  if (!kept) throw new RelayKeyChanged('the gateway key changed after it was pinned');
  if (kept !== pins) localStorage.setItem(PINS, JSON.stringify(kept));
  return config;
}

/**
 * One anonymous request to this app's server: `path` with an optional JSON body. Through the relay
 * when `route` is given (the answer is the server's, decrypted); directly otherwise. Throws a
 * TypeError when the relay or the network fails (the caller retries later), RelayKeyChanged when
 * the gateway's key is not the pinned one.
 */
export async function anonymousFetch(route: Route | null, path: string, body?: string): Promise<Response> {
  const method = body === undefined ? 'GET' : 'POST';
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (!route) return fetch(path, { ...ANONYMOUS_INIT, mode: 'same-origin', method, headers, body });
  const config = await gatewayConfig(route);
  // The inner request holds only what the server needs: method, path, Content-Type and the body.
  const inner = new Request(new URL(path, location.origin), { method, headers, body });
  const client = await encapsulateRequest(config, await new BHttpEncoder().encodeRequest(inner));
  const outer = await fetch(route.relay, {
    ...ANONYMOUS_INIT,
    mode: 'cors',
    method: 'POST',
    headers: { 'content-type': REQUEST_MEDIA_TYPE },
    body: new Uint8Array(client.encRequest),
  });
  if (outer.status !== 200) throw new TypeError(`relay: HTTP ${outer.status}`);
  return new BHttpDecoder().decodeResponse(await client.openResponse(new Uint8Array(await outer.arrayBuffer())));
}
