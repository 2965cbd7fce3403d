/** An OHTTP client for tests: what the page does (src/app/aggregates/relay.ts), with Node's fetch. */
import { BHttpDecoder, BHttpEncoder } from 'bhttp-js';
import { REQUEST_MEDIA_TYPE, decodeKeys, encapsulateRequest, type KeyConfig } from '../../src/core/ohttp';

export async function fetchKeyConfig(keysUrl: string): Promise<{ config: KeyConfig; bytes: Uint8Array }> {
  const response = await fetch(keysUrl);
  if (response.status !== 200) throw new Error(`keys: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { config: decodeKeys(bytes)[0], bytes };
}

/**
 * Sends `inner` (a Request to the server) through the relay; `outerHeaders` are what the client's
 * connection to the relay carries (a browser's User-Agent, language…).
 */
export async function relayed(relayUrl: string, config: KeyConfig, inner: Request, outerHeaders: Record<string, string> = {}): Promise<{ outer: Response; inner: Response | null; encRequest: Uint8Array }> {
  const client = await encapsulateRequest(config, await new BHttpEncoder().encodeRequest(inner));
  const outer = await fetch(relayUrl, { method: 'POST', headers: { ...outerHeaders, 'content-type': REQUEST_MEDIA_TYPE }, body: new Uint8Array(client.encRequest) });
  if (outer.status !== 200) return { outer, inner: null, encRequest: client.encRequest };
  const bytes = await client.openResponse(new Uint8Array(await outer.arrayBuffer()));
  return { outer, inner: new BHttpDecoder().decodeResponse(bytes), encRequest: client.encRequest };
}
