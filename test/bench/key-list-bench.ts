/**
 * npm run bench:keys -- [--teams N] [--requests N]
 * GET /api/token-keys with many teams, over real HTTP against PostgreSQL (a fresh schema, dropped
 * at the end): the cold build after start (every (team, day) key derived once, in the background),
 * how responsive the server stays meanwhile (another route's latency), then warm requests (the
 * cached body), and the request after one more team is created. Prints one JSON line last.
 */
import { parseArgs } from 'node:util';
import { buildServer } from '../../server/app';
import { randomId } from '../../server/db/ids';
import { openTestDb } from '../../server/testing/db';
import { TEST_METADATA } from '../../server/testing/harness';

const { values } = parseArgs({ options: { teams: { type: 'string', default: '1000' }, requests: { type: 'string', default: '200' } } });
const TEAMS = Number(values.teams);
const REQUESTS = Number(values.requests);

const ms = (n: number) => Math.round(n * 100) / 100;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

const testDb = await openTestDb('postgres');
for (let i = 0; i < TEAMS; i += 500) {
  const ids = Array.from({ length: Math.min(500, TEAMS - i) }, () => randomId());
  await testDb.db.query(
    `INSERT INTO teams (id, name, invite_code, created_on) SELECT id, 'Bench team', id || 'i', '2026-11-01' FROM unnest($1::text[]) AS id`,
    [ids],
  );
}
const app = await buildServer({ db: testDb.db, metadata: TEST_METADATA, rateLimit: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

async function timed(path: string): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const response = await fetch(`${base}${path}`);
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return { ms: performance.now() - start, bytes: text.length };
}

try {
  // Cold: the first list (the build began at start); another route is polled meanwhile.
  const others: number[] = [];
  let building = true;
  const poller = (async () => {
    while (building) {
      others.push((await timed('/api/metadata')).ms);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const cold = await timed('/api/token-keys');
  building = false;
  await poller;
  others.sort((a, b) => a - b);

  const warm: number[] = [];
  let bytes = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const result = await timed('/api/token-keys');
    warm.push(result.ms);
    bytes = result.bytes;
  }
  warm.sort((a, b) => a - b);

  await testDb.db.query(`INSERT INTO teams (id, name, invite_code, created_on) VALUES ($1, 'New team', $2, '2026-11-01')`, [randomId(), randomId()]);
  const afterNewTeam = await timed('/api/token-keys');

  console.log(`cold list of ${TEAMS} teams: ${ms(cold.ms)} ms (another route meanwhile: p50 ${ms(percentile(others, 50))} ms, max ${ms(others[others.length - 1])} ms over ${others.length} requests)`);
  console.log(`warm: p50 ${ms(percentile(warm, 50))} ms, p99 ${ms(percentile(warm, 99))} ms, ${bytes} bytes; after a new team: ${ms(afterNewTeam.ms)} ms`);
  console.log(
    JSON.stringify({
      bench: 'token-keys',
      teams: TEAMS,
      keys: JSON.parse((await (await fetch(`${base}/api/token-keys`)).text()) as string).keys.length,
      bytes,
      coldMs: ms(cold.ms),
      otherRouteDuringColdP50Ms: ms(percentile(others, 50)),
      otherRouteDuringColdMaxMs: ms(others[others.length - 1]),
      warmP50Ms: ms(percentile(warm, 50)),
      warmP99Ms: ms(percentile(warm, 99)),
      afterNewTeamMs: ms(afterNewTeam.ms),
    }),
  );
} finally {
  await app.close();
  await testDb.dispose();
}
