/**
 * Test databases: every test file gets its own PostgreSQL schema (dropped afterwards) or its own
 * in-memory PGlite, so runs never see each other's state.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectPglite, connectPostgres, type Db } from '../db/connect';
import { migrate } from '../db/migrate';

export type Backend = 'pglite' | 'postgres';

/** PostgreSQL at 127.0.0.1:5432 (trust auth), database `test`. SKIP_PG_TESTS=1 runs PGlite only. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const BACKENDS: Backend[] = process.env.SKIP_PG_TESTS === '1' ? ['pglite'] : ['pglite', 'postgres'];

const SCHEMA_PREFIX = 'srvtest_';

export interface TestDb {
  db: Db;
  /** PostgreSQL schema name (null for PGlite). */
  schema: string | null;
  dispose(): Promise<void>;
}

/** Empty database (no migrations) of the given kind. */
export async function openEmptyDb(kind: Backend): Promise<TestDb> {
  if (kind === 'pglite') {
    const db = await connectPglite(null);
    return { db, schema: null, dispose: () => db.close() };
  }
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    // Sweep schemas left by crashed runs (older than an hour; names carry their creation time).
    const old = await admin.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [`${SCHEMA_PREFIX}%`]);
    for (const { nspname } of old.rows) {
      const created = Number(nspname.split('_')[1]);
      if (Number.isFinite(created) && Date.now() / 1000 - created > 3600) await admin.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
    }
    const schema = `${SCHEMA_PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE SCHEMA "${schema}"`);
    const db = connectPostgres({ url: TEST_DATABASE_URL, schema, max: 4 });
    return {
      db,
      schema,
      async dispose() {
        await db.close();
        const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      },
    };
  } finally {
    await admin.end();
  }
}

export async function openTestDb(kind: Backend): Promise<TestDb> {
  const testDb = await openEmptyDb(kind);
  await migrate(testDb.db);
  return testDb;
}
