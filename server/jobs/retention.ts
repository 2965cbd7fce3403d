/**
 * Retention: people not seen for `months` calendar months are deleted with their memberships;
 * their teams are handed over or closed. Expired token bookkeeping goes too (aggregates/retention).
 * Runs at start and then daily (unref'd timer). With several replicas on one PostgreSQL, one runs
 * it at a time: the run holds a transaction-level advisory lock, and a replica that cannot take it
 * skips that run (the purge is idempotent, so the next day's run catches up).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock';
import { utcDay } from '../../src/core/calendar';
import type { Db } from '../db/connect';
import { deletePeople, stalePeople } from '../people/repository';
import { purgeTokenRecords } from '../aggregates/retention';

type PurgeResult = Awaited<ReturnType<typeof deletePeople>>;

export async function purgeStalePeople(db: Db, options: { now: Date; months: number; batchSize?: number }): Promise<PurgeResult> {
  const batchSize = options.batchSize ?? 500;
  const today = utcDay(options.now);
  const total: PurgeResult = { people: 0, handedOver: 0, closed: 0 };
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const ids = await stalePeople(tx, today, options.months, batchSize);
      const result = await deletePeople(tx, ids);
      for (const key of ['people', 'handedOver', 'closed'] as const) total[key] += result[key];
      return ids.length < batchSize;
    });
    if (done) {
      // Issuance rows (person, team, day) and spent nonces that no longer guard anything.
      await purgeTokenRecords(db, today);
      return total;
    }
  }
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Advisory lock key of the daily jobs (any constant other than the migrations' one). */
export const DAILY_JOBS_LOCK = 7_401_102;

/**
 * Runs `fn` only if no other process holds `key` (PostgreSQL advisory lock, held by an otherwise
 * idle transaction for the duration); null when another holds it. PGlite is one process: no lock.
 */
export async function exclusively<T>(db: Db, key: number, fn: () => Promise<T>): Promise<T | null> {
  if (db.kind !== 'postgres') return fn();
  return db.transaction(async (tx) => {
    const [{ locked }] = await tx.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [key]);
    return locked ? fn() : null;
  });
}

export interface RetentionJob {
  /** Runs a purge now (waits for one already running instead of overlapping). */
  run(): Promise<PurgeResult | null>;
  /** Stops the timer and waits for a running purge. */
  stop(): Promise<void>;
}

export function startRetentionJob(options: {
  db: Db;
  clock: Clock;
  months: number;
  log: FastifyBaseLogger;
  intervalMs?: number;
  /** false: only the daily timer (tests call run()). */
  runAtStart?: boolean;
}): RetentionJob {
  let running: Promise<PurgeResult | null> | null = null;
  let stopped = false;
  const run = (): Promise<PurgeResult | null> => {
    if (stopped) return Promise.resolve(null);
    running ??= exclusively(options.db, DAILY_JOBS_LOCK, () => purgeStalePeople(options.db, { now: options.clock(), months: options.months }))
      .then((result) => {
        if (result) options.log.info({ job: 'retention', ...result }, 'retention purge done');
        else options.log.info({ job: 'retention' }, 'retention purge skipped: another replica is running it');
        return result;
      })
      .catch((error: unknown) => {
        options.log.error({ job: 'retention', err: error }, 'retention purge failed');
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void run(), options.intervalMs ?? DAY_MS);
  timer.unref();
  if (options.runAtStart ?? true) void run();
  return {
    run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
