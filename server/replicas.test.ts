/**
 * Two API server processes on one PostgreSQL (and one Redis for the rate limits), as behind a
 * load balancer: concurrent token issuance and uploads at both give the results one server
 * would (the quota holds across replicas, the same token at both counts once), and the daily jobs
 * run on one replica at a time.
 */
import './aggregates/voprf-crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { privateVerif } from '@cloudflare/privacypass-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../src/core/calendar';
import { ISSUE_DAYS } from '../src/core/aggregates';
import { tokenChallenge } from './aggregates/keys';
import { connectPostgres } from './db/connect';
import { DAILY_JOBS_LOCK, exclusively } from './jobs/retention';
import { BACKENDS, TEST_DATABASE_URL, openTestDb, type TestDb } from './testing/db';
import { HOOK_TIMEOUT_MS } from './testing/harness';
import { startTestIssuer, type TestIssuer } from './testing/issuer';

const here = dirname(fileURLToPath(import.meta.url));
const SCRIPT = join(here, 'testing', 'replica-server.ts');
const TSX = join(here, '..', 'node_modules', 'tsx', 'dist', 'loader.mjs');
const SECRET = 'ef'.repeat(32);
const DAY0 = '2026-11-16';
const USERS = 6;

function start(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, SCRIPT], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /PORT (\d+)/.exec(out);
      if (match) resolve({ child, base: `http://127.0.0.1:${match[1]}/api` });
    });
    child.on('exit', (code) => reject(new Error(`replica exited early (${code})`)));
  });
}

describe.runIf(BACKENDS.includes('postgres'))('two replicas on one PostgreSQL', () => {
  let testDb: TestDb;
  let issuer: TestIssuer;
  let dir: string;
  let nowFile: string;
  const replicas: { child: ChildProcess; base: string }[] = [];

  beforeAll(async () => {
    testDb = await openTestDb('postgres');
    issuer = await startTestIssuer();
    dir = mkdtempSync(join(tmpdir(), 'microbreak-replicas-'));
    nowFile = join(dir, 'now');
    writeFileSync(nowFile, `${DAY0}T09:00:00Z`);
    const env = {
      DATABASE_URL: TEST_DATABASE_URL,
      DB_SCHEMA: testDb.schema as string,
      TOKEN_MASTER_SECRET: SECRET,
      NOW_FILE: nowFile,
      OIDC_ISSUER: issuer.issuer,
      OIDC_JWKS_URI: issuer.jwksUri,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      TOKEN_CRYPTO_THREADS: '1',
    };
    replicas.push(...(await Promise.all([start(env), start(env)])));
  }, HOOK_TIMEOUT_MS * 2);

  afterAll(async () => {
    for (const { child } of replicas) {
      const done = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await done;
    }
    await issuer?.close();
    await testDb?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, HOOK_TIMEOUT_MS);

  const call = async (replica: number, method: string, path: string, body?: unknown, subject?: string) => {
    const response = await fetch(`${replicas[replica].base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(subject ? { authorization: `Bearer ${await issuer.sign(subject, { now: new Date(`${DAY0}T09:00:00Z`), expiresIn: 86_400 * 3 })}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('issuance quota, single counting of one token sent to both, and sums hold under concurrency', async () => {
    const subjects = Array.from({ length: USERS }, (_, i) => `replica-user-${i}`);
    const team = (await call(0, 'POST', '/teams', { name: 'Replicated' }, subjects[0])).body as { id: string; inviteCode: string };
    for (let i = 1; i < USERS; i++) expect((await call(i % 2, 'POST', '/teams/join', { inviteCode: team.inviteCode }, subjects[i])).status).toBe(200);

    // Both replicas publish the same keys.
    const lists = await Promise.all([0, 1].map((r) => call(r, 'GET', '/token-keys')));
    expect(lists[0].body).toEqual(lists[1].body);
    const keys = new Map((lists[0].body.keys as { team: string; day: string; publicKey: string }[]).map((k) => [`${k.team}|${k.day}`, k.publicKey]));
    const days = Array.from({ length: ISSUE_DAYS }, (_, i) => addDays(DAY0, i));

    // Every user sends the full batch to both replicas at once (two sets of blinded requests).
    async function batch() {
      const clients = new Map<string, privateVerif.Client>();
      const requests = [];
      for (const day of days) {
        const client = new privateVerif.Client();
        const request = await client.createTokenRequest(tokenChallenge(team.id, day), new Uint8Array(Buffer.from(keys.get(`${team.id}|${day}`)!, 'base64url')));
        clients.set(day, client);
        requests.push({ team: team.id, day, request: Buffer.from(request.serialize()).toString('base64url') });
      }
      return { clients, requests };
    }
    const tokens: { subject: string; day: string; token: string }[] = [];
    await Promise.all(
      subjects.map(async (subject) => {
        const batches = [await batch(), await batch()];
        const answers = await Promise.all([0, 1].map((r) => call(r, 'POST', '/tokens', { requests: batches[r].requests }, subject)));
        const issuedDays: string[] = [];
        for (const [r, answer] of answers.entries()) {
          expect(answer.status).toBe(200);
          for (const item of answer.body.issued as { day: string; response: string }[]) {
            issuedDays.push(item.day);
            const client = batches[r].clients.get(item.day)!;
            const token = await client.finalize(client.deserializeTokenResponse(new Uint8Array(Buffer.from(item.response, 'base64url'))));
            tokens.push({ subject, day: item.day, token: Buffer.from(token.serialize()).toString('base64url') });
          }
          for (const refusal of answer.body.refused as { error: string }[]) expect(refusal.error).toBe('already-issued');
        }
        // The quota holds across replicas: each day issued exactly once to this person.
        expect(issuedDays.sort()).toEqual(days);
      }),
    );
    const rows = await testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM token_issuance');
    expect(rows[0].n).toBe(USERS * ISSUE_DAYS);

    // The day closes; every DAY0 token goes to both replicas at the same moment.
    writeFileSync(nowFile, `${addDays(DAY0, 1)}T12:00:00Z`);
    const dayTokens = tokens.filter((t) => t.day === DAY0);
    expect(dayTokens).toHaveLength(USERS);
    const results = await Promise.all(
      dayTokens.flatMap((t, i) =>
        [0, 1].map((r) => call(r, 'POST', '/contributions', { token: t.token, team: team.id, day: DAY0, activeMinutes: 10 + i, reps: 20, movementPoints: 300 })),
      ),
    );
    for (const result of results) expect(result.status).toBe(200);
    expect(results.filter((r) => r.body.counted === true)).toHaveLength(USERS);
    expect(results.filter((r) => r.body.duplicate === true)).toHaveLength(USERS);
    const sums = await testDb.db.query<{ contributors: number; active_minutes: string; reps: string }>('SELECT contributors, active_minutes, reps FROM aggregate_sums WHERE team_id = $1', [
      team.id,
    ]);
    expect(sums).toEqual([{ contributors: USERS, active_minutes: String(USERS * 10 + (USERS * (USERS - 1)) / 2), reps: String(USERS * 20) }]);
  }, 180_000);

  it('the daily jobs run on one replica at a time (advisory lock)', async () => {
    const other = connectPostgres({ url: TEST_DATABASE_URL, schema: testDb.schema as string, max: 2 });
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const first = exclusively(testDb.db, DAILY_JOBS_LOCK, async () => {
        entered();
        await held;
        return 'first';
      });
      await inside;
      expect(await exclusively(other, DAILY_JOBS_LOCK, async () => 'second')).toBeNull();
      release();
      expect(await first).toBe('first');
      // Released with its transaction: the next run may go.
      expect(await exclusively(other, DAILY_JOBS_LOCK, async () => 'third')).toBe('third');
    } finally {
      await other.close();
    }
  });
});
