/**
 * Publication of team aggregates (docs/design.md §7.6).
 *
 * Closed days only: a day's sums change while uploads for it are accepted (UPLOAD_WINDOW_DAYS
 * after it), and two views of a changing total would give away the late contributor's values by
 * difference. So nothing about a day is published before its upload window has closed.
 *
 * Day totals: a (team, day) total is shown only when that day has ≥ MIN_CONTRIBUTORS (5)
 * contributors AND ≥ MIN_CONTRIBUTORS distinct people received tokens for it (issuance_counts,
 * counted by keyed per-person markers, so one person with re-joined accounts counts once).
 *
 * Noise (on by default, a discrete Laplace scale per metric): drawn once per (team, DAY, metric)
 * when first shown, stored in aggregate_noise so reloads show the same value, added to the day's
 * sum (clamped at 0). Every other figure is derived from these noisy day totals and from nothing
 * else, so no view can be differenced against another to strip the noise:
 *  - the week total is the sum of the noisy published days (no separately drawn week noise);
 *  - a comparison pools the noisy day totals of the qualifying days (≥ 10 contributors).
 * Contributor counts and threshold decisions use the true counts.
 *
 * Tokens are unlinkable across days, so distinct people per week are unknown: the week reports
 * contributor-days and the largest daily count. Comparison: per (team, week), the qualifying days
 * are those with ≥ MIN_COMPARISON_CONTRIBUTORS (10) contributors; the average is per
 * contributor-day over them (noisy sum / contributor-days). The asking team must qualify itself;
 * it is compared with all other qualifying teams, pooled.
 */
import { METRICS, MIN_COMPARISON_CONTRIBUTORS, MIN_CONTRIBUTORS, UPLOAD_WINDOW_DAYS, type Metric } from '../../src/core/aggregates';
import { addDays } from '../../src/core/calendar';
import type { Comparison, DayTotal, Sums, WeekTotals } from '../../src/core/api/team-results';
import type { Queryable } from '../db/connect';
import { discreteLaplace, noiseOn, type NoiseScales } from './noise';

interface SumRow {
  team_id: string;
  day: string;
  contributors: number;
  /** Distinct people who received a token for the (team, day). */
  people: number;
  active_minutes: string;
  reps: string;
  movement_points: string;
}

const COLUMNS: Record<Metric, keyof SumRow> = { activeMinutes: 'active_minutes', reps: 'reps', movementPoints: 'movement_points' };

function sumsOf(row: SumRow): Sums {
  return { activeMinutes: Number(row[COLUMNS.activeMinutes]), reps: Number(row[COLUMNS.reps]), movementPoints: Number(row[COLUMNS.movementPoints]) };
}

async function rowsFor(q: Queryable, days: string[], teamId: string | null): Promise<SumRow[]> {
  return q.query<SumRow>(
    `SELECT s.team_id, s.day::text AS day, s.contributors, COALESCE(c.people, 0) AS people, s.active_minutes::text AS active_minutes,
            s.reps::text AS reps, s.movement_points::text AS movement_points
       FROM aggregate_sums s LEFT JOIN issuance_counts c ON c.team_id = s.team_id AND c.day = s.day
      WHERE s.day = ANY($1::date[]) ${teamId ? 'AND s.team_id = $2' : ''}`,
    teamId ? [days, teamId] : [days],
  );
}

/** The stored noise of (team, window, metric), drawn and stored on first use. */
async function noiseFor(q: Queryable, teamId: string, window: string, metric: Metric, scale: number): Promise<number> {
  await q.query(
    `INSERT INTO aggregate_noise (team_id, time_window, metric, noise) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [teamId, window, metric, discreteLaplace(scale)],
  );
  const rows = await q.query<{ noise: string }>(
    'SELECT noise::text AS noise FROM aggregate_noise WHERE team_id = $1 AND time_window = $2 AND metric = $3',
    [teamId, window, metric],
  );
  return Number(rows[0].noise);
}

/** The published (noisy) totals of a (team, day). */
async function noisyDay(q: Queryable, noise: NoiseScales, row: SumRow): Promise<Sums> {
  const out = sumsOf(row);
  for (const metric of METRICS) {
    const scale = noise[metric];
    if (scale > 0) out[metric] = Math.max(0, out[metric] + (await noiseFor(q, row.team_id, row.day, metric, scale)));
  }
  return out;
}

/** Enough contributors, and enough distinct people behind them. */
function publishable(row: SumRow | undefined, min: number): row is SumRow {
  return !!row && row.contributors >= min && row.people >= min;
}

/** True once no more uploads are accepted for `day`. */
export function isClosed(day: string, today: string): boolean {
  return day < addDays(today, -UPLOAD_WINDOW_DAYS);
}

export async function teamTotals(q: Queryable, noise: NoiseScales, teamId: string, week: string, days: string[], today: string): Promise<WeekTotals> {
  const byDay = new Map((await rowsFor(q, days, teamId)).map((r) => [r.day, r]));
  const out: DayTotal[] = [];
  const weekSums: Sums = { activeMinutes: 0, reps: 0, movementPoints: 0 };
  let contributorDays = 0;
  let maxDaily = 0;
  let published = 0;
  for (const day of days) {
    const row = byDay.get(day);
    const open = !isClosed(day, today);
    if (open || !publishable(row, MIN_CONTRIBUTORS)) {
      out.push({ day, open, published: false, contributors: null, totals: null });
      continue;
    }
    const sums = await noisyDay(q, noise, row);
    for (const metric of METRICS) weekSums[metric] += sums[metric];
    contributorDays += row.contributors;
    maxDaily = Math.max(maxDaily, row.contributors);
    published += 1;
    out.push({ day, open: false, published: true, contributors: row.contributors, totals: sums });
  }
  return {
    team: teamId,
    week,
    minContributors: MIN_CONTRIBUTORS,
    noise: noiseOn(noise),
    days: out,
    // The sum of the noisy days shown above: it says nothing they do not.
    total:
      published > 0
        ? { published: true, daysPublished: published, contributorDays, maxDailyContributors: maxDaily, totals: weekSums }
        : { published: false, daysPublished: 0, contributorDays: null, maxDailyContributors: null, totals: null },
  };
}

export const round1 = (x: number) => Math.round(x * 10) / 10;

async function pooled(q: Queryable, noise: NoiseScales, rows: SumRow[]): Promise<Sums | null> {
  let contributors = 0;
  const sums: Sums = { activeMinutes: 0, reps: 0, movementPoints: 0 };
  for (const row of rows) {
    contributors += row.contributors;
    const s = await noisyDay(q, noise, row);
    for (const metric of METRICS) sums[metric] += s[metric];
  }
  if (contributors === 0) return null;
  return { activeMinutes: round1(sums.activeMinutes / contributors), reps: round1(sums.reps / contributors), movementPoints: round1(sums.movementPoints / contributors) };
}

export async function teamComparison(q: Queryable, noise: NoiseScales, teamId: string, week: string, days: string[], today: string): Promise<Comparison> {
  const closed = days.filter((day) => isClosed(day, today));
  const qualifying = (await rowsFor(q, closed, null)).filter((r) => publishable(r, MIN_COMPARISON_CONTRIBUTORS));
  const mine = qualifying.filter((r) => r.team_id === teamId);
  const base = { team: teamId, week, minContributors: MIN_COMPARISON_CONTRIBUTORS };
  if (mine.length === 0) return { ...base, eligible: false, yourTeam: null, others: { teams: 0, averages: null } };
  const others = qualifying.filter((r) => r.team_id !== teamId);
  return {
    ...base,
    eligible: true,
    yourTeam: await pooled(q, noise, mine),
    others: { teams: new Set(others.map((r) => r.team_id)).size, averages: await pooled(q, noise, others) },
  };
}

/** The first day on which anything about `day` can be published (the day after its upload window). */
export function publishedFrom(day: string): string {
  return addDays(day, UPLOAD_WINDOW_DAYS + 1);
}
