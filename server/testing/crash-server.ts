/**
 * A child-process API server for the crash-retry test. With CRASH_AFTER_COMMIT=1 it kills itself
 * (SIGKILL) right after the first transaction commits, before the response is sent: what a
 * power cut between commit and reply looks like to the client. Prints `PORT <n>` when listening.
 * Env: DATABASE_URL + DB_SCHEMA (PostgreSQL) or DATA_DIR (PGlite), TOKEN_MASTER_SECRET (hex), NOW.
 */
import { buildServer } from '../app';
import { connectPglite, connectPostgres, type Db } from '../db/connect';
import { parseMasterSecret } from '../aggregates/keys';

const env = process.env;
const raw: Db = env.DATABASE_URL
  ? connectPostgres({ url: env.DATABASE_URL, schema: env.DB_SCHEMA, max: 2 })
  : await connectPglite(env.DATA_DIR as string);
const crash = env.CRASH_AFTER_COMMIT === '1';
const db: Db = {
  kind: raw.kind,
  query: raw.query,
  exec: raw.exec,
  close: () => raw.close(),
  async transaction(fn) {
    const result = await raw.transaction(fn);
    if (crash) process.kill(process.pid, 'SIGKILL');
    return result;
  },
};
const now = new Date(env.NOW as string);
const app = await buildServer({ db, clock: () => now, aggregates: { masterSecret: parseMasterSecret(env.TOKEN_MASTER_SECRET as string) } });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => db.close()).then(() => process.exit(0));
});
