/**
 * Shuffled batch commits of verified uploads (issue 12). A single upload committed in its own
 * transaction sits in the database between the identified writes of its moment: its transaction
 * id, its row versions and its commit record order it among them, and its row version of the sums
 * shows its own values as a difference. So verified uploads wait here for a short window (or
 * until `maxItems` are waiting), are shuffled with the CSPRNG, and are committed together:
 *  - one INSERT of all spent nonces (in the shuffled order),
 *  - one upsert of the per-(team, day) increments summed over the batch (sorted by team and day),
 * so the batch shares one transaction id and its sums move by the batch's total only.
 * A request is answered only after its batch committed: nothing acknowledged can be lost. When
 * the commit fails, every request of the batch gets the error and the client sends again (the
 * nonce makes that idempotent).
 * Uploads for a (team, day) for which fewer than MIN_CONTRIBUTORS people received tokens are
 * refused (issuance_counts, readable by the ingest role): nothing is spent or counted.
 */
import { randomInt } from 'node:crypto';
import { METRICS, MIN_CONTRIBUTORS, type Metric } from '../../src/core/aggregates';
import type { Queryable } from '../db/connect';
import { ApiError } from '../errors';
import type { ContributionReceipt } from '../../src/core/api/aggregates';
import type { AggregateDb } from './ingest';

export interface VerifiedUpload {
  nonce: Uint8Array;
  team: string;
  day: string;
  values: Record<Metric, number>;
}

export interface BatchOptions {
  /** How long the first waiting upload waits for others (ms). */
  windowMs: number;
  /** A batch is committed at once when this many are waiting. */
  maxItems: number;
}

/** Short enough to keep an upload's answer quick, long enough to gather concurrent uploads. */
export const DEFAULT_BATCH: BatchOptions = { windowMs: 100, maxItems: 256 };

interface Waiting {
  upload: VerifiedUpload;
  resolve: (result: ContributionReceipt) => void;
  reject: (error: unknown) => void;
}

export type Outcome = ContributionReceipt | ApiError;

/** Fisher–Yates with node's CSPRNG. */
export function shuffle<T>(items: T[], rand: (max: number) => number = randomInt): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rand(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const tooSmall = () => new ApiError(422, 'team-too-small', `Fewer than ${MIN_CONTRIBUTORS} people received tokens for this team and day; nothing was counted.`);
const teamGone = () => new ApiError(404, 'team-not-found', 'The team no longer exists.');

/** Commits one (already shuffled) batch in one transaction; returns an outcome per upload, in order. */
export async function commitBatch(tx: Queryable, uploads: VerifiedUpload[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(uploads.length);
  const keys = [...new Set(uploads.map((u) => `${u.team}|${u.day}`))];
  const people = new Map<string, number>();
  if (keys.length > 0) {
    const rows = await tx.query<{ team_id: string; day: string; people: number }>(
      `SELECT c.team_id, c.day::text AS day, c.people FROM issuance_counts c
         JOIN unnest($1::text[], $2::date[]) AS k(team_id, day) ON c.team_id = k.team_id AND c.day = k.day`,
      [keys.map((k) => k.split('|')[0]), keys.map((k) => k.split('|')[1])],
    );
    for (const r of rows) people.set(`${r.team_id}|${r.day}`, r.people);
  }
  const candidates: number[] = [];
  const seen = new Set<string>();
  uploads.forEach((u, i) => {
    const n = people.get(`${u.team}|${u.day}`);
    if (n === undefined) outcomes[i] = teamGone();
    else if (n < MIN_CONTRIBUTORS) outcomes[i] = tooSmall();
    else {
      const hex = Buffer.from(u.nonce).toString('hex');
      // The same token twice in one batch: the first counts, the rest are duplicates.
      if (seen.has(hex)) outcomes[i] = { counted: false, duplicate: true };
      else {
        seen.add(hex);
        candidates.push(i);
      }
    }
  });
  if (candidates.length === 0) return outcomes;
  const spent = await tx.query<{ nonce: string }>(
    `INSERT INTO spent_tokens (nonce, day)
       SELECT decode(n, 'hex'), d FROM unnest($1::text[], $2::date[]) AS u(n, d)
     ON CONFLICT (nonce) DO NOTHING RETURNING encode(nonce, 'hex') AS nonce`,
    [candidates.map((i) => Buffer.from(uploads[i].nonce).toString('hex')), candidates.map((i) => uploads[i].day)],
  );
  const fresh = new Set(spent.map((r) => r.nonce));
  const sums = new Map<string, { contributors: number } & Record<Metric, number>>();
  for (const i of candidates) {
    const u = uploads[i];
    if (!fresh.has(Buffer.from(u.nonce).toString('hex'))) {
      outcomes[i] = { counted: false, duplicate: true };
      continue;
    }
    outcomes[i] = { counted: true, duplicate: false };
    const key = `${u.team}|${u.day}`;
    const s = sums.get(key) ?? { contributors: 0, activeMinutes: 0, reps: 0, movementPoints: 0 };
    s.contributors += 1;
    for (const m of METRICS) s[m] += u.values[m];
    sums.set(key, s);
  }
  const sorted = [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (sorted.length > 0) {
    await tx.query(
      `INSERT INTO aggregate_sums (team_id, day, contributors, active_minutes, reps, movement_points)
         SELECT * FROM unnest($1::text[], $2::date[], $3::int[], $4::bigint[], $5::bigint[], $6::bigint[])
       ON CONFLICT (team_id, day) DO UPDATE SET
         contributors = aggregate_sums.contributors + EXCLUDED.contributors,
         active_minutes = aggregate_sums.active_minutes + EXCLUDED.active_minutes,
         reps = aggregate_sums.reps + EXCLUDED.reps,
         movement_points = aggregate_sums.movement_points + EXCLUDED.movement_points`,
      [
        sorted.map(([k]) => k.split('|')[0]),
        sorted.map(([k]) => k.split('|')[1]),
        sorted.map(([, s]) => s.contributors),
        sorted.map(([, s]) => s.activeMinutes),
        sorted.map(([, s]) => s.reps),
        sorted.map(([, s]) => s.movementPoints),
      ],
    );
  }
  return outcomes;
}

export class UploadBatcher {
  private waiting: Waiting[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly adb: AggregateDb,
    private readonly options: BatchOptions = DEFAULT_BATCH,
  ) {}

  /** Resolves once the upload's batch has committed. */
  submit(upload: VerifiedUpload): Promise<ContributionReceipt> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ upload, resolve, reject });
      if (this.waiting.length >= this.options.maxItems || this.closed) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.options.windowMs);
    });
  }

  /** Commits whatever waits (the server is closing) and waits for it. */
  async close(): Promise<void> {
    this.closed = true;
    this.kick();
    while (this.running) await this.running;
  }

  private kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // One commit at a time: uploads arriving meanwhile form the next batch.
    if (this.running || this.waiting.length === 0) return;
    const batch = shuffle(this.waiting.splice(0, this.options.maxItems));
    this.running = this.commit(batch).finally(() => {
      this.running = null;
      if (this.waiting.length >= this.options.maxItems || this.closed) this.kick();
      else if (this.waiting.length > 0) this.timer ??= setTimeout(() => this.kick(), this.options.windowMs);
    });
  }

  private async commit(batch: Waiting[]): Promise<void> {
    const uploads = batch.map((w) => w.upload);
    let outcomes: Outcome[] | null = null;
    let failure: unknown = null;
    // A team closed between the threshold check and the upsert (23503) fails the transaction; the
    // second try finds its count gone and answers those uploads with team-not-found.
    for (let attempt = 0; attempt < 2 && !outcomes; attempt++) {
      try {
        outcomes = await this.adb.transaction((tx) => commitBatch(tx, uploads));
      } catch (error) {
        failure = error;
        if ((error as { code?: unknown }).code !== '23503') break;
      }
    }
    batch.forEach((w, i) => {
      if (!outcomes) w.reject(failure);
      else if (outcomes[i] instanceof ApiError) w.reject(outcomes[i]);
      else w.resolve(outcomes[i] as ContributionReceipt);
    });
  }
}
