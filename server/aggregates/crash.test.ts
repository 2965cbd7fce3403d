/**
 * Crash between commit and response (kill -9): the client never hears back and retries the same
 * upload against a restarted server; it is acknowledged as a duplicate and counted once. And with
 * uploads committed in batches: a kill -9 in the middle of a stream of uploads loses none that
 * was acknowledged, and every retry afterwards counts each token exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { privateVerif } from '@cloudflare/privacypass-ts';
import { afterAll, describe, expect, it } from 'vitest';
import { connectPglite, type Db } from '../db/connect';
import { migrate } from '../db/migrate';
import { BACKENDS, TEST_DATABASE_URL, openTestDb, type TestDb } from '../testing/db';
import { createKeyRing, tokenChallenge } from './keys';

const here = dirname(fileURLToPath(import.meta.url));
const SCRIPT = join(here, '..', 'testing', 'crash-server.ts');
const TSX = join(here, '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs');
const SECRET = 'cd'.repeat(32);
const TEAM = 'CrashTeamAAAAAAAAAAAAA';
const DAY = '2026-11-20';

function start(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, SCRIPT], {
      env: { ...process.env, TOKEN_MASTER_SECRET: SECRET, NOW: '2026-11-23T10:00:00Z', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /PORT (\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.on('exit', (code) => reject(new Error(`crash server exited early (${code})`)));
  });
}

function exited(child: ChildProcess): Promise<NodeJS.Signals | number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode ?? child.exitCode);
    else child.on('exit', (code, signal) => resolve(signal ?? code));
  });
}

const KEY = createKeyRing(Buffer.from(SECRET, 'hex')).key(TEAM, DAY);
async function makeToken(): Promise<string> {
  const key = KEY;
  const client = new privateVerif.Client();
  const request = await client.createTokenRequest(tokenChallenge(TEAM, DAY), key.publicKey);
  return Buffer.from((await client.finalize(await key.issuer.issue(request))).serialize()).toString('base64url');
}

const post = (port: number, body: unknown) =>
  fetch(`http://127.0.0.1:${port}/api/contributions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe.each(BACKENDS)('crash between commit and response (%s)', (backend) => {
  let testDb: TestDb | null = null;
  let tempDir: string | null = null;
  afterAll(async () => {
    await testDb?.dispose();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }, 60_000);

  it('retried uploads after kill -9 are acknowledged and counted once; no acknowledged upload is lost', async () => {
    let env: Record<string, string>;
    let open: () => Promise<Db>;
    let closeAfter = false;
    if (backend === 'postgres') {
      testDb = await openTestDb('postgres');
      env = { DATABASE_URL: TEST_DATABASE_URL, DB_SCHEMA: testDb.schema as string };
      const db = testDb.db;
      open = async () => db;
    } else {
      tempDir = mkdtempSync(join(tmpdir(), 'mb-crash-'));
      const dir = join(tempDir, 'pglite');
      env = { DATA_DIR: dir };
      open = () => connectPglite(dir);
      closeAfter = true;
      const db = await open();
      await migrate(db);
      await db.close();
    }
    const setup = await open();
    await setup.query(`INSERT INTO teams (id, name, invite_code, created_on) VALUES ($1, 'Crash', 'CrashInviteAAAAAAAAAAA', '2026-11-01')`, [TEAM]);
    // Enough people hold tokens for the day (the ingest refuses days under k = 5).
    await setup.query(`INSERT INTO issuance_counts (team_id, day, people) VALUES ($1, $2::date, 100)`, [TEAM, DAY]);
    if (closeAfter) await setup.close();

    // Six uploads arrive together; the server dies right after the first batch commits (it holds
    // some or all of them, depending on how verification spread their arrival).
    const bodies = [];
    for (let i = 0; i < 6; i++) bodies.push({ token: await makeToken(), team: TEAM, day: DAY, activeMinutes: 12, reps: 34, movementPoints: 56 });
    const crashing = await start({ ...env, CRASH_AFTER_COMMIT: '1' });
    const outcomes = await Promise.allSettled(bodies.map((b) => post(crashing.port, b)));
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(await exited(crashing.child)).toBe('SIGKILL');

    const restarted = await start(env);
    let duplicates = 0;
    for (const body of bodies) {
      const retry = await post(restarted.port, body);
      expect(retry.status).toBe(200);
      if ((await retry.json()).duplicate) duplicates++;
    }
    // The committed batch was kept although nobody heard back; its uploads are not counted again.
    expect(duplicates).toBeGreaterThanOrEqual(1);

    // A stream of uploads, 10 ms apart; kill -9 as soon as a few were acknowledged.
    const stream = [];
    for (let i = 0; i < 30; i++) stream.push({ token: await makeToken(), team: TEAM, day: DAY, activeMinutes: 1, reps: 1, movementPoints: 1 });
    const acknowledged = new Set<number>();
    let killed = false;
    const sending = stream.map(
      (body, i) =>
        new Promise<void>((resolve) => {
          setTimeout(() => {
            if (killed) return resolve();
            post(restarted.port, body).then(
              async (response) => {
                if (response.status === 200 && (await response.json()).counted) acknowledged.add(i);
                if (acknowledged.size >= 3 && !killed) {
                  killed = true;
                  restarted.child.kill('SIGKILL');
                }
                resolve();
              },
              () => resolve(),
            );
          }, i * 10);
        }),
    );
    await Promise.all(sending);
    expect(await exited(restarted.child)).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(3);

    const third = await start(env);
    let countedNow = 0;
    for (let i = 0; i < stream.length; i++) {
      const response = await post(third.port, stream[i]);
      expect(response.status).toBe(200);
      const result = await response.json();
      // Nothing acknowledged was lost: each one is already spent.
      if (acknowledged.has(i)) expect(result, `acknowledged upload ${i}`).toEqual({ counted: false, duplicate: true });
      if (result.counted) countedNow++;
    }
    expect(countedNow).toBeLessThanOrEqual(stream.length - acknowledged.size);
    third.child.kill('SIGTERM');
    await exited(third.child);

    const check = await open();
    const rows = await check.query('SELECT contributors, reps::int AS reps FROM aggregate_sums WHERE team_id = $1', [TEAM]);
    // Every token counted exactly once: 6 of 34 reps, 30 of 1.
    expect(rows).toEqual([{ contributors: 36, reps: 6 * 34 + 30 }]);
    if (closeAfter) await check.close();
  }, 300_000);
});
