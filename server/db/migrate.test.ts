import { afterEach, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from './migrate';
import { BACKENDS, openEmptyDb, type TestDb } from '../testing/db';

describe.each(BACKENDS)('migrations (%s)', (backend) => {
  let testDb: TestDb | null = null;
  afterEach(async () => {
    await testDb?.dispose();
    testDb = null;
  });

  it('apply to an empty database, in order, and are recorded', async () => {
    testDb = await openEmptyDb(backend);
    const applied = await migrate(testDb.db);
    expect(applied).toEqual(readMigrations().map((m) => m.name));
    const rows = await testDb.db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(applied);
    const tables = await testDb.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      'aggregate_noise',
      'aggregate_sums',
      'challenges',
      'issuance_counts',
      'issuance_markers',
      'memberships',
      'people',
      'schema_migrations',
      'spent_tokens',
      'teams',
      'token_issuance',
    ]);
  });

  it('are re-runnable: a second run applies nothing and changes nothing', async () => {
    testDb = await openEmptyDb(backend);
    await migrate(testDb.db);
    await testDb.db.query(`INSERT INTO people (id, issuer, subject, created_on, last_seen_on) VALUES ('p', 'i', 's', '2025-01-01', '2025-01-01')`);
    expect(await migrate(testDb.db)).toEqual([]);
    expect(await testDb.db.query('SELECT id FROM people')).toEqual([{ id: 'p' }]);
  });

  it('refuse a migration that was changed after it was applied', async () => {
    testDb = await openEmptyDb(backend);
    await migrate(testDb.db);
    const changed = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'different' } : m));
    await expect(migrate(testDb.db, changed)).rejects.toThrow(/was changed after it was applied/);
  });

  it('roll back a failing migration completely', async () => {
    testDb = await openEmptyDb(backend);
    const broken = [...readMigrations(), { name: '9999_broken', sql: 'CREATE TABLE half (x int); SELECT nonsense FROM nowhere;', checksum: 'x' }];
    await expect(migrate(testDb.db, broken)).rejects.toThrow();
    const rows = await testDb.db.query<{ name: string }>('SELECT name FROM schema_migrations');
    expect(rows.map((r) => r.name)).not.toContain('9999_broken');
    const half = await testDb.db.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'half'`);
    expect(half).toEqual([]);
  });
});
