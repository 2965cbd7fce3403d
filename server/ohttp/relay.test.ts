/**
 * Issue 12, network: uploads and key-list fetches through the real relay process (`npm run relay`)
 * to the gateway of the real server on PostgreSQL. Plays the operator looking at its own server:
 * what did the gateway's outer request and the inner dispatch carry of the client? Nothing.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/calendar';
import { encodeKeys, gatewayKeyFromSeed, type GatewayKey } from '../../src/core/ohttp';
import { NO_NOISE } from '../aggregates/noise';
import { buildServer } from '../app';
import { DEFAULT_RATE_LIMIT } from '../config';
import { openTestDb, type TestDb } from '../testing/db';
import { HOOK_TIMEOUT_MS, TEST_BATCH, TEST_METADATA, captureLog, newSubject, type Harness } from '../testing/harness';
import { startTestIssuer, type TestIssuer } from '../testing/issuer';
import { fetchKeyConfig, relayed } from '../testing/ohttp-client';
import { freePort, startRelay, type RelayProcess } from '../testing/relay';
import { getTokens } from '../testing/privacy-pass';

const ISSUE_AT = new Date('2026-11-16T08:00:00Z');
const DAY = '2026-11-17';
const UPLOAD_AT = new Date(`${addDays(DAY, 1)}T10:00:00Z`);
const SERVER = 'https://microbreak.example';

/** What a browser's connection says about its user: none of it may reach the server. */
const CLIENT_HEADERS = {
  'user-agent': 'Mozilla/5.0 (Victim) Chrome/156',
  'accept-language': 'sv-SE,sv;q=0.9',
  'x-forwarded-for': '203.0.113.7',
  forwarded: 'for=203.0.113.7',
  cookie: 'session=victim',
  authorization: 'Bearer victim',
  'sec-ch-ua': '"Chromium";v="156"',
  'sec-ch-ua-platform': '"Linux"',
  referer: 'https://microbreak.example/#/privacy',
};
const CLIENT_HEADER_NAMES = Object.keys(CLIENT_HEADERS);

interface Seen {
  url: string;
  headers: Record<string, unknown>;
  inner: boolean;
  ip: string;
}

describe('uploads and the key list through the OHTTP relay (postgres)', () => {
  const h = {} as Harness;
  let testDb: TestDb;
  let issuer: TestIssuer;
  let app: FastifyInstance;
  let relay: RelayProcess;
  let relayUrl: string;
  let key: GatewayKey;
  let now = ISSUE_AT;
  const seen: Seen[] = [];
  const log = captureLog();

  beforeAll(async () => {
    testDb = await openTestDb('postgres');
    issuer = await startTestIssuer();
    key = await gatewayKeyFromSeed(3, new Uint8Array(randomBytes(32)));
    relayUrl = `http://127.0.0.1:${await freePort()}/`;
    app = await buildServer({
      db: testDb.db,
      auth: issuer.config,
      metadata: TEST_METADATA,
      clock: () => now,
      logger: true,
      logStream: log.stream,
      rateLimit: { ...DEFAULT_RATE_LIMIT, perAddressPerMinute: 1_000_000, perPersonPerMinute: 1_000_000 },
      aggregates: { masterSecret: new Uint8Array(randomBytes(32)), noise: NO_NOISE, batch: TEST_BATCH },
      ohttp: { key, relayUrl, keysUrl: new URL('/ohttp-keys', relayUrl).href },
    });
    // The operator's view: every request the server handles, outer (from the relay) and inner (dispatched).
    app.addHook('onRequest', async (request) => {
      // (A header present with the value undefined is one that light-my-request was told not to add.)
      seen.push({ url: request.url, headers: Object.fromEntries(Object.entries(request.headers).filter(([, v]) => v !== undefined)), inner: '_lightMyRequest' in request.raw, ip: request.ip });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    relay = await startRelay({ GATEWAY_URL: `http://127.0.0.1:${port}/gateway`, RELAY_PORT: new URL(relayUrl).port, RELAY_ALLOW_ORIGINS: SERVER });
    h.app = app;
    h.testDb = testDb;
    h.issuer = issuer;
    h.as = async (subject, method, url, body) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${await issuer.sign(subject, { now })}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        payload: body === undefined ? undefined : JSON.stringify(body),
      });
  }, HOOK_TIMEOUT_MS);

  afterAll(async () => {
    relay?.stop();
    await app?.close();
    await issuer?.close();
    await testDb?.dispose();
  }, HOOK_TIMEOUT_MS);

  it('the metadata names the relay, and the relay serves the one key config of the gateway', async () => {
    const metadata = (await app.inject({ method: 'GET', url: '/.well-known/microbreak-endpoint.json' })).json();
    expect(metadata.ohttp).toEqual({ relay: relayUrl, keys: new URL('/ohttp-keys', relayUrl).href });
    const direct = await app.inject({ method: 'GET', url: '/ohttp-keys' });
    expect(direct.headers['content-type']).toBe('application/ohttp-keys');
    const viaRelay = await fetchKeyConfig(metadata.ohttp.keys);
    expect(Buffer.from(viaRelay.bytes)).toEqual(direct.rawPayload);
    expect(Buffer.from(viaRelay.bytes)).toEqual(Buffer.from(encodeKeys([key.config])));
    // The page's CSP lets it talk to the relay.
    expect(String(direct.headers['content-security-policy'])).toContain(`connect-src 'self' ${new URL(relayUrl).origin}`);
  });

  it('an upload and the key list go through the relay; the server sees none of the client, and the upload counts once', async () => {
    now = ISSUE_AT;
    const people = Array.from({ length: 5 }, () => newSubject('relayed'));
    const created = await h.as(people[0], 'POST', '/api/teams', { name: 'Relayed' });
    const { id: team, inviteCode } = created.json();
    for (const p of people.slice(1)) expect((await h.as(p, 'POST', '/api/teams/join', { inviteCode })).statusCode).toBe(200);
    const tokens = [];
    for (const p of people) tokens.push((await getTokens(h, p, [{ team, day: DAY }])).tokens.get(`${team}|${DAY}`)!);

    const { config } = await fetchKeyConfig(new URL('/ohttp-keys', relayUrl).href);
    seen.length = 0;
    // The key list through the relay, with every client header on the outer request and inside the binary request.
    const keyList = await relayed(relayUrl, config, new Request(`${SERVER}/api/token-keys`, { headers: CLIENT_HEADERS }), CLIENT_HEADERS);
    expect(keyList.outer.status).toBe(200);
    expect(keyList.outer.headers.get('content-type')).toBe('message/ohttp-res');
    expect(keyList.outer.headers.get('access-control-allow-origin')).toBe(null); // no Origin sent: no CORS grant
    expect(keyList.inner!.status).toBe(200);
    const list = (await keyList.inner!.json()) as { keys: { team: string; day: string }[] };
    expect(list.keys.some((k) => k.team === team && k.day === DAY)).toBe(true);

    now = UPLOAD_AT;
    const body = JSON.stringify({ token: tokens[0], team, day: DAY, activeMinutes: 7, reps: 11, movementPoints: 130 });
    const upload = await relayed(relayUrl, config, new Request(`${SERVER}/api/contributions`, { method: 'POST', headers: { ...CLIENT_HEADERS, 'content-type': 'application/json' }, body }), {
      ...CLIENT_HEADERS,
      origin: SERVER,
    });
    expect(upload.outer.headers.get('access-control-allow-origin')).toBe(SERVER);
    expect(upload.inner!.status).toBe(200);
    expect(await upload.inner!.json()).toEqual({ counted: true, duplicate: false });

    // The relay replays the same bytes: the spent token makes it count once.
    const replay = await fetch(relayUrl, { method: 'POST', headers: { 'content-type': 'message/ohttp-req' }, body: new Uint8Array(upload.encRequest) });
    expect(replay.status).toBe(200);
    const sums = await testDb.db.query<{ contributors: number; active_minutes: number }>('SELECT contributors, active_minutes::int AS active_minutes FROM aggregate_sums WHERE team_id = $1 AND day = $2::date', [team, DAY]);
    expect(sums).toEqual([{ contributors: 1, active_minutes: 7 }]);

    // What the server saw: outer requests from the relay to /gateway, inner ones dispatched by the gateway.
    const outer = seen.filter((s) => !s.inner);
    const inner = seen.filter((s) => s.inner);
    expect(outer.map((s) => s.url)).toEqual(['/gateway', '/gateway', '/gateway']);
    expect(inner.map((s) => s.url)).toEqual(['/api/token-keys', '/api/contributions', '/api/contributions']);
    for (const s of outer) {
      expect(Object.keys(s.headers).sort()).toEqual(expect.arrayContaining(['content-type', 'host']));
      for (const name of Object.keys(s.headers)) expect(['host', 'content-type', 'content-length', 'connection']).toContain(name);
      expect(s.headers['content-type']).toBe('message/ohttp-req');
    }
    for (const s of inner) {
      expect(s.ip).toBe('0.0.0.0'); // not the relay's, not the client's
      for (const name of Object.keys(s.headers)) expect(['host', 'content-type', 'content-length']).toContain(name);
      for (const name of CLIENT_HEADER_NAMES) expect(s.headers[name]).toBeUndefined();
      expect(Object.keys(s.headers).some((name) => name.startsWith('sec-'))).toBe(false);
    }
    // None of it was logged, by the server or by the relay.
    const serverLog = log.lines.join('');
    for (const path of ['/gateway', '/ohttp-keys', '/api/contributions', '/api/token-keys']) expect(serverLog).not.toContain(path);
    expect(relay.output()).toBe('');
  });

  it('only the anonymous routes are reachable through the gateway; a broken request is refused', async () => {
    const { config } = await fetchKeyConfig(new URL('/ohttp-keys', relayUrl).href);
    seen.length = 0;
    const signedIn = { authorization: `Bearer ${await issuer.sign(newSubject('sneaky'), { now })}`, 'content-type': 'application/json' };
    for (const inner of [
      new Request(`${SERVER}/api/me`, { headers: signedIn }),
      new Request(`${SERVER}/api/tokens`, { method: 'POST', headers: signedIn, body: '{"requests":[]}' }),
      new Request(`${SERVER}/api/contributions`), // GET of an allowed path
      new Request(`${SERVER}/gateway`, { method: 'POST', body: 'x' }),
    ]) {
      const answer = await relayed(relayUrl, config, inner);
      expect(answer.inner!.status).toBe(404);
      expect(((await answer.inner!.json()) as { error: string }).error).toBe('not-found');
    }
    expect(seen.filter((s) => s.inner)).toEqual([]);

    const good = await relayed(relayUrl, config, new Request(`${SERVER}/api/token-keys`));
    const tampered = good.encRequest.slice();
    tampered[tampered.length - 1] ^= 1;
    expect((await fetch(relayUrl, { method: 'POST', headers: { 'content-type': 'message/ohttp-req' }, body: new Uint8Array(tampered) })).status).toBe(400);
    expect((await fetch(relayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(415);
    expect((await fetch(relayUrl, { method: 'POST', headers: { 'content-type': 'message/ohttp-req' }, body: new Uint8Array(64 * 1024) })).status).toBe(413);
    expect((await fetch(new URL('/anything', relayUrl))).status).toBe(404);
    const preflight = await fetch(relayUrl, { method: 'OPTIONS', headers: { origin: SERVER, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SERVER);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
  });
});
