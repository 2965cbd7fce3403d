/**
 * Crash between commit and response (kill -9): the client never hears back and retries the same
 * upload against a restarted server; it is acknowledged as a duplicate and counted once.
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

async function makeToken(): Promise<string> {
  const key = createKeyRing(Buffer.from(SECRET, 'hex')).key(TEAM, DAY);
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

  it('a retried upload after kill -9 is acknowledged and counted once', async () => {
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
    if (closeAfter) await setup.close();

    const body = { token: await makeToken(), team: TEAM, day: DAY, activeMinutes: 12, reps: 34, movementPoints: 56 };
    const crashing = await start({ ...env, CRASH_AFTER_COMMIT: '1' });
    await expect(post(crashing.port, body)).rejects.toThrow();
    expect(await exited(crashing.child)).toBe('SIGKILL');

    const restarted = await start(env);
    const retry = await post(restarted.port, body);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ counted: false, duplicate: true });
    restarted.child.kill('SIGTERM');
    await exited(restarted.child);

    const check = await open();
    const rows = await check.query('SELECT contributors, reps::int AS reps FROM aggregate_sums WHERE team_id = $1', [TEAM]);
    expect(rows).toEqual([{ contributors: 1, reps: 34 }]);
    if (closeAfter) await check.close();
  }, 120_000);
});
