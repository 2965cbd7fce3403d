/**
 * npm run bench:server -- [--users N] [--teams N] [--teams-per-user N] [--concurrency N]
 *                         [--issue-concurrency N] [--uploads N] [--threads N]
 * Token issuance and anonymous upload throughput of the API server over real HTTP on 127.0.0.1
 * against PostgreSQL (a fresh schema, dropped at the end), with a throwaway OpenID issuer for
 * sign-in (docs/design.md §7).
 *  1. Issuance: every user asks POST /api/tokens for the full batch (their teams x ISSUE_DAYS days).
 *  2. Uploads: the server clock moves so the days are open; every token is uploaded once, with
 *     `--concurrency` requests in flight over keep-alive connections; then the database sums must
 *     equal what was sent, and a few retries must be acknowledged as duplicates and not counted.
 * Client-side token work (blinding, finalizing) happens outside the timed phases, on worker threads.
 * Issuing enough tokens for a long upload phase would take most of the run (issuance costs ~5x a
 * verification, the client's finalize more), so when --uploads (default 2000) exceeds the issued
 * tokens, the rest are minted by the bench itself with the server's keys (it chose the master
 * secret): the VOPRF output of a fresh authenticator input, i.e. the very token a client would
 * hold. The server cannot tell them apart and verifies them the same way.
 * Also measures the per-operation costs that bound the server. Prints a summary, then one JSON line.
 * --threads sets the server's token crypto pool (TOKEN_CRYPTO_THREADS; 0: inline; default: cores).
 * --replicas N (N > 1) runs N server processes (server/testing/replica-server.ts) on the same
 * PostgreSQL schema and Redis, requests spread round-robin over them (retries go to another
 * replica than the first attempt), as behind a load balancer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { TOKEN_TYPES, Token, privateVerif } from '@cloudflare/privacypass-ts';
import { hashToCurve } from '@noble/curves/p384';
import { addDays } from '../../src/core/calendar';
import { ISSUE_DAYS, UPLOAD_LIMITS, UPLOAD_WINDOW_DAYS } from '../../src/core/aggregates';
import type { Issuance, KeyList } from '../../src/core/api/aggregates';
import { buildServer } from '../../server/app';
import { DEFAULT_RATE_LIMIT } from '../../server/config';
import { createKeyRing, tokenChallenge, type IssuerKey } from '../../server/aggregates/keys';
import { HASH_TO_GROUP_DST, hashToGroup, verify as fastVerify } from '../../server/aggregates/verify-fast.mjs';
import { defaultThreads } from '../../server/aggregates/verify-pool';
import { VOPRF_PROVIDER } from '../../server/aggregates/voprf-crypto';
import { connectPostgres } from '../../server/db/connect';
import { migrate } from '../../server/db/migrate';
import { TEST_DATABASE_URL } from '../../server/testing/db';
import { TEST_METADATA } from '../../server/testing/harness';
import { startTestIssuer } from '../../server/testing/issuer';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '40' },
    teams: { type: 'string', default: '4' },
    'teams-per-user': { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '48' },
    'issue-concurrency': { type: 'string', default: '4' },
    uploads: { type: 'string', default: '2000' },
    threads: { type: 'string' },
    replicas: { type: 'string', default: '1' },
  },
});
function intArg(name: keyof typeof values, min: number): number {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be an integer ≥ ${min}, got ${values[name]}`);
    process.exit(2);
  }
  return n;
}
const USERS = intArg('users', 1);
const TEAMS = intArg('teams', 1);
const TEAMS_PER_USER = Math.min(intArg('teams-per-user', 1), TEAMS);
const CONCURRENCY = intArg('concurrency', 1);
const ISSUE_CONCURRENCY = intArg('issue-concurrency', 1);
const UPLOADS = intArg('uploads', 0);
if (values.threads !== undefined) process.env.TOKEN_CRYPTO_THREADS = String(intArg('threads', 0));
const REPLICAS = intArg('replicas', 1);

const ms = (n: number) => Math.round(n * 100) / 100;
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
function latencies(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50Ms: ms(percentile(sorted, 50)), p99Ms: ms(percentile(sorted, 99)), maxMs: ms(sorted[sorted.length - 1]) };
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

// ---- Per-operation costs (this process, one core) ---------------------------------------------

async function timeOp(iterations: number, op: () => unknown): Promise<number> {
  for (let i = 0; i < 3; i++) await op();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await op();
  return (performance.now() - start) / iterations;
}

async function perOperation() {
  const key = createKeyRing(new Uint8Array(32).fill(9)).key('BenchOpsTeamAAAAAAAAAA', '2026-11-16');
  const client = new privateVerif.Client();
  const request = await client.createTokenRequest(tokenChallenge(key.team, key.day), key.publicKey);
  const response = await key.issuer.issue(request);
  const token: Token = await client.finalize(response);
  const input = token.authInput.serialize();
  if (!fastVerify(key.privateKey, input, token.authenticator) || !(await key.issuer.verify(token))) throw new Error('per-op token does not verify');
  const ecdh = createECDH('secp384r1');
  ecdh.setPrivateKey(key.privateKey);
  const point = hashToGroup(input);
  const uncompressed = point.toRawBytes(false);
  const scalar = BigInt(`0x${Buffer.from(key.privateKey).toString('hex')}`);
  return {
    provider: VOPRF_PROVIDER,
    libraryVerifyMs: ms(await timeOp(20, () => key.issuer.verify(token))),
    fastVerifyMs: ms(await timeOp(60, () => fastVerify(key.privateKey, input, token.authenticator))),
    libraryIssueMs: ms(await timeOp(10, () => key.issuer.issue(request))),
    hashToCurveMs: ms(await timeOp(60, () => hashToGroup(randomBytes(98)).toAffine())),
    nobleHashToCurveMs: ms(await timeOp(60, () => hashToCurve(randomBytes(98), { DST: HASH_TO_GROUP_DST }).toAffine())),
    ecdhMs: ms(await timeOp(60, () => ecdh.computeSecret(uncompressed))),
    nobleMultiplyMs: ms(await timeOp(10, () => point.multiply(scalar))),
  };
}

const VERIFY_FAST_URL = new URL('../../server/aggregates/verify-fast.mjs', import.meta.url).href;

// ---- Client side on worker threads (not timed as server work) ----------------------------------

// Plain JavaScript evaluated in each worker: privacypass-ts's Client on voprf-ts's noble provider.
const CLIENT_WORKER = `
const { parentPort } = require('node:worker_threads');
const ready = (async () => {
  const { Oprf } = await import('@cloudflare/voprf-ts');
  const { CryptoNoble } = await import('@cloudflare/voprf-ts/crypto-noble');
  Oprf.Crypto = CryptoNoble;
  const pp = await import('@cloudflare/privacypass-ts');
  pp.TOKEN_TYPES.VOPRF.group = Oprf.getGroup(pp.TOKEN_TYPES.VOPRF.suite);
  return pp;
})();
const clients = new Map();
parentPort.on('message', async (m) => {
  const { TokenChallenge, privateVerif } = await ready;
  try {
    if (m.op === 'request') {
      const client = new privateVerif.Client();
      const request = await client.createTokenRequest(TokenChallenge.deserialize(m.challenge), m.publicKey);
      clients.set(m.id, client);
      parentPort.postMessage({ id: m.id, value: Buffer.from(request.serialize()).toString('base64url') });
    } else if (m.op === 'mint') {
      const { evaluate } = await import(m.verifyFast);
      const { AuthenticatorInput, Token, TOKEN_TYPES } = await import('@cloudflare/privacypass-ts');
      const nonce = require('node:crypto').randomBytes(32);
      const input = new AuthenticatorInput(TOKEN_TYPES.VOPRF, TOKEN_TYPES.VOPRF.value, new Uint8Array(nonce), m.challengeDigest, m.keyId);
      const token = new Token(TOKEN_TYPES.VOPRF, input, evaluate(m.privateKey, input.serialize()));
      parentPort.postMessage({ id: m.id, value: Buffer.from(token.serialize()).toString('base64url') });
    } else {
      const client = clients.get(m.id);
      clients.delete(m.id);
      const token = await client.finalize(client.deserializeTokenResponse(Buffer.from(m.response, 'base64url')));
      parentPort.postMessage({ id: m.id, value: Buffer.from(token.serialize()).toString('base64url') });
    }
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: String(error && error.message || error) });
  }
});
`;

function clientWorkers(count: number) {
  const workers = Array.from({ length: count }, () => new Worker(CLIENT_WORKER, { eval: true }));
  const pending = new Map<number, { resolve(v: string): void; reject(e: Error): void }>();
  for (const worker of workers) {
    worker.on('message', (m: { id: number; value?: string; error?: string }) => {
      const task = pending.get(m.id);
      pending.delete(m.id);
      if (m.error !== undefined) task?.reject(new Error(m.error));
      else task?.resolve(m.value as string);
    });
    worker.on('error', (error) => {
      for (const task of pending.values()) task.reject(error);
    });
  }
  // A client's state lives in the worker that blinded it: token `id` always goes to worker id % count.
  const call = (id: number, message: Record<string, unknown>) =>
    new Promise<string>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      workers[id % count].postMessage({ id, ...message });
    });
  return {
    request: (id: number, challenge: Uint8Array, publicKey: Uint8Array) => call(id, { op: 'request', challenge, publicKey }),
    finalize: (id: number, response: string) => call(id, { op: 'finalize', response }),
    mint: (id: number, key: IssuerKey) =>
      call(id, { op: 'mint', verifyFast: VERIFY_FAST_URL, privateKey: key.privateKey, challengeDigest: key.challengeDigest, keyId: key.keyId }),
    close: () => Promise.all(workers.map((w) => w.terminate())),
  };
}

// ---- The run -----------------------------------------------------------------------------------

interface Wanted {
  id: number;
  user: number;
  team: string;
  day: string;
  request?: string;
  token?: string;
}

const cores = availableParallelism();
console.log(`server bench: ${USERS} users, ${TEAMS} teams, ${TEAMS_PER_USER} teams per user, ${ISSUE_DAYS} days; ${cores} cores (${cpus()[0]?.model ?? '?'})`);
const ops = await perOperation();
console.log(
  `per operation (one core): verify ${ops.fastVerifyMs} ms (library on ${ops.provider}: ${ops.libraryVerifyMs} ms), ` +
    `issue ${ops.libraryIssueMs} ms; parts: hash_to_curve ${ops.hashToCurveMs} ms (noble's ${ops.nobleHashToCurveMs} ms), OpenSSL ECDH P-384 ${ops.ecdhMs} ms (x2 per verify), noble multiply ${ops.nobleMultiplyMs} ms`,
);

const schema = `srvtest_${Math.floor(Date.now() / 1000)}_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
await admin.connect();
await admin.query(`CREATE SCHEMA "${schema}"`);
await admin.end();
const db = connectPostgres({ url: TEST_DATABASE_URL, schema, max: 16 });
const issuer = await startTestIssuer();
const DAY0 = '2026-11-16';
const masterSecret = new Uint8Array(randomBytes(32));
// The clock of every replica: a variable in this process, or a file the replica processes read.
const nowDir = mkdtempSync(join(tmpdir(), 'microbreak-bench-'));
const nowFile = join(nowDir, 'now');
let nowValue = new Date(`${DAY0}T09:00:00Z`);
const setNow = (date: Date) => {
  nowValue = date;
  writeFileSync(nowFile, date.toISOString());
};
setNow(nowValue);
// Limits on (as in production) but high: the bench is one client address firing thousands of requests.
const benchLimits = { ...DEFAULT_RATE_LIMIT, perAddressPerMinute: 1_000_000, perPersonPerMinute: 1_000_000, joinPerPersonPerHour: 1_000_000, joinPerAddressPerHour: 1_000_000 };
const app = await buildServer({ db, auth: issuer.config, metadata: TEST_METADATA, clock: () => nowValue, aggregates: { masterSecret }, rateLimit: benchLimits });
const children: ChildProcess[] = [];

function startReplica(): Promise<string> {
  const script = fileURLToPath(new URL('../../server/testing/replica-server.ts', import.meta.url));
  const loader = fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', loader, script], {
      env: {
        ...process.env,
        DATABASE_URL: TEST_DATABASE_URL,
        DB_SCHEMA: schema,
        TOKEN_MASTER_SECRET: Buffer.from(masterSecret).toString('hex'),
        NOW_FILE: nowFile,
        OIDC_ISSUER: issuer.issuer,
        OIDC_JWKS_URI: issuer.jwksUri,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        RATE_LIMIT_PER_ADDRESS: String(benchLimits.perAddressPerMinute),
        RATE_LIMIT_PER_PERSON: String(benchLimits.perPersonPerMinute),
        RATE_LIMIT_JOIN_PER_PERSON: String(benchLimits.joinPerPersonPerHour),
        RATE_LIMIT_JOIN_PER_ADDRESS: String(benchLimits.joinPerAddressPerHour),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /PORT (\d+)/.exec(out);
      if (match) resolve(`http://127.0.0.1:${match[1]}/api`);
    });
    child.on('exit', (code) => reject(new Error(`replica exited (${code})`)));
  });
}
const clients = clientWorkers(Math.max(1, cores));
let failed: string | null = null;

try {
  await migrate(db);
  let bases: string[];
  if (REPLICAS > 1) {
    bases = await Promise.all(Array.from({ length: REPLICAS }, () => startReplica()));
    console.log(`${REPLICAS} replicas (separate processes) on one PostgreSQL schema and one Redis`);
  } else {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    bases = [`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api`];
  }
  const base = bases[0];
  let turn = 0;
  const post = async (path: string, body: unknown, bearer?: string) => {
    // Round-robin over the replicas, as a load balancer would.
    const response = await fetch(`${bases[turn++ % bases.length]}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };

  // Setup (not timed): teams created by their first member, the others join by invite code.
  const subjects = Array.from({ length: USERS }, (_, i) => `bench-user-${i}-${randomBytes(4).toString('hex')}`);
  const bearer = async (user: number) => issuer.sign(subjects[user], { now: nowValue, expiresIn: 3600 });
  const teams: { id: string; inviteCode: string }[] = [];
  for (let t = 0; t < TEAMS; t++) {
    const team = (await post('/teams', { name: `Bench team ${t}` }, await bearer(t % USERS))) as { id: string; inviteCode: string };
    teams.push(team);
  }
  const memberships: [number, string][] = [];
  for (let u = 0; u < USERS; u++) {
    for (let j = 0; j < TEAMS_PER_USER; j++) {
      const team = teams[(u + j) % TEAMS];
      if (!(u < TEAMS && j === 0)) await post('/teams/join', { inviteCode: team.inviteCode }, await bearer(u));
      memberships.push([u, team.id]);
    }
  }
  const keysResponse = await fetch(`${base}/token-keys`);
  const published = new Map(((await keysResponse.json()) as KeyList).keys.map((k) => [`${k.team}|${k.day}`, k.publicKey]));

  // Blinded requests, prepared on worker threads before the timed phase.
  const days = Array.from({ length: ISSUE_DAYS }, (_, i) => addDays(DAY0, i));
  const wanted: Wanted[] = [];
  for (const [user, team] of memberships) for (const day of days) wanted.push({ id: wanted.length, user, team, day });
  let start = performance.now();
  await Promise.all(
    wanted.map(async (w) => {
      const publicKey = published.get(`${w.team}|${w.day}`);
      if (!publicKey) throw new Error(`no published key for ${w.team} ${w.day}`);
      w.request = await clients.request(w.id, tokenChallenge(w.team, w.day).serialize(), new Uint8Array(Buffer.from(publicKey, 'base64url')));
    }),
  );
  const prepareS = (performance.now() - start) / 1000;
  const bearers = await Promise.all(subjects.map((_, u) => bearer(u)));
  const byUser = Array.from({ length: USERS }, (_, u) => wanted.filter((w) => w.user === u));

  // Phase 1: issuance.
  console.log(`issuance: ${USERS} requests for ${wanted.length} tokens (requests blinded in ${prepareS.toFixed(1)} s, not timed)…`);
  const issueLatencies: number[] = [];
  const responses = new Map<number, string>();
  start = performance.now();
  await pool(byUser, ISSUE_CONCURRENCY, async (items) => {
    const t0 = performance.now();
    const answer = (await post('/tokens', { requests: items.map((w) => ({ team: w.team, day: w.day, request: w.request })) }, bearers[items[0].user])) as Issuance;
    issueLatencies.push(performance.now() - t0);
    if (answer.refused.length > 0 || answer.issued.length !== items.length) throw new Error(`issuance refused: ${JSON.stringify(answer.refused)}`);
    for (const [i, item] of answer.issued.entries()) responses.set(items[i].id, item.response);
  });
  const issueS = (performance.now() - start) / 1000;
  const issuance = {
    requests: USERS,
    tokens: wanted.length,
    concurrency: ISSUE_CONCURRENCY,
    seconds: ms(issueS),
    requestsPerS: ms(USERS / issueS),
    tokensPerS: ms(wanted.length / issueS),
    ...latencies(issueLatencies),
  };
  console.log(`issuance: ${issuance.requestsPerS} requests/s, ${issuance.tokensPerS} tokens/s, p50 ${issuance.p50Ms} ms, p99 ${issuance.p99Ms} ms (${issuance.concurrency} in flight)`);

  start = performance.now();
  await Promise.all(wanted.map(async (w) => (w.token = await clients.finalize(w.id, responses.get(w.id) as string))));
  const finalizeS = (performance.now() - start) / 1000;
  // More uploads than issued tokens: mint the rest with the server's keys (see the top).
  const ring = createKeyRing(masterSecret);
  const minted: Wanted[] = [];
  for (let i = wanted.length; i < UPLOADS; i++) {
    const [user, team] = memberships[i % memberships.length];
    minted.push({ id: i, user, team, day: days[Math.floor(i / memberships.length) % days.length] });
  }
  start = performance.now();
  await Promise.all(minted.map(async (w) => (w.token = await clients.mint(w.id, ring.key(w.team, w.day)))));
  const mintS = (performance.now() - start) / 1000;
  const sample = minted[0]?.token;
  if (sample) {
    const key = ring.key(minted[0].team, minted[0].day);
    if (!(await key.issuer.verify(Token.deserialize(TOKEN_TYPES.VOPRF, new Uint8Array(Buffer.from(sample, 'base64url')))))) throw new Error('a minted token does not verify');
  }
  wanted.push(...minted);

  // Phase 2: uploads, in clock windows of UPLOAD_WINDOW_DAYS days (day D is open on D+1..D+window).
  const rnd = (max: number) => randomBytes(4).readUInt32BE() % (max + 1);
  const bodies = wanted.map((w) => ({
    token: w.token as string,
    team: w.team,
    day: w.day,
    activeMinutes: rnd(Math.min(UPLOAD_LIMITS.activeMinutes.max, 120)),
    reps: rnd(Math.min(UPLOAD_LIMITS.reps.max, 500)),
    movementPoints: rnd(Math.min(UPLOAD_LIMITS.movementPoints.max, 2000)),
  }));
  console.log(
    `uploads: ${bodies.length} anonymous uploads (${bodies.length - minted.length} issued tokens finalized in ${finalizeS.toFixed(1)} s, ${minted.length} minted in ${mintS.toFixed(1)} s; not timed), ${CONCURRENCY} in flight…`,
  );
  const uploadLatencies: number[] = [];
  let uploadS = 0;
  for (let w = 0; w < days.length; w += UPLOAD_WINDOW_DAYS) {
    const windowDays = new Set(days.slice(w, w + UPLOAD_WINDOW_DAYS));
    setNow(new Date(`${addDays(days[w], UPLOAD_WINDOW_DAYS)}T12:00:00Z`));
    const batch = bodies.filter((b) => windowDays.has(b.day)).sort(() => Math.random() - 0.5);
    const t0 = performance.now();
    await pool(batch, CONCURRENCY, async (body) => {
      const t = performance.now();
      const answer = await post('/contributions', body);
      uploadLatencies.push(performance.now() - t);
      if (answer.counted !== true) throw new Error(`upload not counted: ${JSON.stringify(answer)}`);
    });
    uploadS += (performance.now() - t0) / 1000;
  }
  const uploads = { count: bodies.length, issuedTokens: bodies.length - minted.length, mintedTokens: minted.length, concurrency: CONCURRENCY, seconds: ms(uploadS), perS: ms(bodies.length / uploadS), ...latencies(uploadLatencies) };
  console.log(`uploads: ${uploads.perS} uploads/s, p50 ${uploads.p50Ms} ms, p99 ${uploads.p99Ms} ms`);

  // Retries of already counted uploads: acknowledged, not counted again.
  setNow(new Date(`${addDays(days[days.length - 1], 1)}T12:00:00Z`));
  const retries = bodies.filter((b) => b.day >= addDays(days[days.length - 1], -(UPLOAD_WINDOW_DAYS - 1))).slice(0, 5);
  for (const body of retries) {
    const answer = await post('/contributions', body);
    if (answer.counted !== false || answer.duplicate !== true) throw new Error(`a retry was not treated as a duplicate: ${JSON.stringify(answer)}`);
  }

  // The sums must be exactly what was sent.
  const expected = new Map<string, { contributors: number; activeMinutes: number; reps: number; movementPoints: number }>();
  for (const b of bodies) {
    const key = `${b.team}|${b.day}`;
    const e = expected.get(key) ?? { contributors: 0, activeMinutes: 0, reps: 0, movementPoints: 0 };
    e.contributors += 1;
    e.activeMinutes += b.activeMinutes;
    e.reps += b.reps;
    e.movementPoints += b.movementPoints;
    expected.set(key, e);
  }
  const rows = await db.query<{ team_id: string; day: string; contributors: number; active_minutes: string; reps: string; movement_points: string }>(
    `SELECT team_id, to_char(day, 'YYYY-MM-DD') AS day, contributors::int AS contributors, active_minutes::text, reps::text, movement_points::text FROM aggregate_sums`,
  );
  const mismatches: string[] = [];
  for (const row of rows) {
    const key = `${row.team_id}|${row.day}`;
    const e = expected.get(key);
    const got = { contributors: Number(row.contributors), activeMinutes: Number(row.active_minutes), reps: Number(row.reps), movementPoints: Number(row.movement_points) };
    if (!e || JSON.stringify(e) !== JSON.stringify(got)) mismatches.push(`${key}: expected ${JSON.stringify(e)}, got ${JSON.stringify(got)}`);
    expected.delete(key);
  }
  for (const key of expected.keys()) mismatches.push(`${key}: missing`);
  if (mismatches.length > 0) throw new Error(`database sums differ from what was sent:\n${mismatches.join('\n')}`);
  console.log(`database: ${rows.length} (team, day) sums equal what was sent; ${retries.length} retries acknowledged as duplicates, not counted`);

  const threads = defaultThreads();
  const ceiling = ms((Math.min(Math.max(threads, 1), cores) * 1000) / ops.fastVerifyMs);
  console.log(
    `limit: one verification costs ${ops.fastVerifyMs} ms of CPU (two P-384 scalar multiplications), so ${cores} cores verify at most ~${ceiling} tokens/s ` +
      `before HTTP, PostgreSQL and this client take their share; 1,000 uploads/s would need ~${ms((1000 * ops.fastVerifyMs) / 1000)} cores.`,
  );
  console.log(
    JSON.stringify({
      bench: 'server',
      replicas: REPLICAS,
      cores,
      cryptoThreads: threads,
      users: USERS,
      teams: TEAMS,
      teamsPerUser: TEAMS_PER_USER,
      perOperation: ops,
      issuance,
      uploads,
      verifyCeilingPerS: ceiling,
      targetUploadsPerS: 1000,
      sumsVerified: true,
    }),
  );
} catch (error) {
  failed = error instanceof Error ? (error.stack ?? error.message) : String(error);
} finally {
  for (const child of children) {
    const done = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await done;
  }
  rmSync(nowDir, { recursive: true, force: true });
  await app.close();
  await issuer.close();
  await clients.close();
  await db.close();
  const cleanup = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await cleanup.connect();
  await cleanup.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await cleanup.end();
}
if (failed) {
  console.error(`server bench FAILED: ${failed}`);
  process.exit(1);
}
