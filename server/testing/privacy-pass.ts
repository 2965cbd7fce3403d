/** The client side of the token flow, for tests: blind requests, finalize, upload bodies. */
import '../aggregates/voprf-crypto';
import { privateVerif } from '@cloudflare/privacypass-ts';
import { expect } from 'vitest';
import type { Issuance, KeyList, KeyListEntry } from '../../src/core/api/aggregates';
import { tokenChallenge } from '../aggregates/keys';
import type { Harness } from './harness';

export async function publishedKeys(h: Harness): Promise<KeyListEntry[]> {
  const response = await h.app.inject({ method: 'GET', url: '/api/token-keys' });
  expect(response.statusCode).toBe(200);
  return response.json<KeyList>().keys;
}

/** Requests one token per (team, day) as `subject`; returns finalized tokens by `team|day`, and the raw answer. */
export async function getTokens(
  h: Harness,
  subject: string,
  wanted: { team: string; day: string }[],
): Promise<Issuance & { tokens: Map<string, string>; requests: string[] }> {
  const keys = new Map((await publishedKeys(h)).map((k) => [`${k.team}|${k.day}`, k]));
  const clients = new Map<string, privateVerif.Client>();
  const requests = [];
  for (const { team, day } of wanted) {
    const key = keys.get(`${team}|${day}`);
    // A key not in the published list is never used; tests asking for other days use a made-up key.
    const publicKey = key ? new Uint8Array(Buffer.from(key.publicKey, 'base64url')) : new Uint8Array((await privateVerif.keyGen()).publicKey);
    const client = new privateVerif.Client();
    const request = await client.createTokenRequest(tokenChallenge(team, day), publicKey);
    clients.set(`${team}|${day}`, client);
    requests.push({ team, day, request: Buffer.from(request.serialize()).toString('base64url') });
  }
  const response = await h.as(subject, 'POST', '/api/tokens', { requests });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json<Issuance>();
  const tokens = new Map<string, string>();
  for (const item of body.issued) {
    const client = clients.get(`${item.team}|${item.day}`) as privateVerif.Client;
    const token = await client.finalize(client.deserializeTokenResponse(new Uint8Array(Buffer.from(item.response, 'base64url'))));
    tokens.set(`${item.team}|${item.day}`, Buffer.from(token.serialize()).toString('base64url'));
  }
  return { tokens, ...body, requests: requests.map((r) => r.request) };
}

export interface Values {
  activeMinutes: number;
  reps: number;
  movementPoints: number;
}

/** An anonymous upload: no Authorization header, no cookie. */
export function upload(h: Harness, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return h.app.inject({ method: 'POST', url: '/api/contributions', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
}
