/** Scoring of the accuracy bench: every game of every row over both traces, a table, one JSON line. */
import type { GameId } from '../../src/core/games';
import { summarize } from '../../src/core/metrics';
import type { PoseTrace } from '../../src/core/trace';
import type { TruthRow } from './truth';

/**
 * The one place a trace is played as a game. Today `summarize`; when the core run replaces its
 * internals this keeps scoring what the app plays.
 */
export function countReps(trace: PoseTrace, game: GameId): number {
  return summarize(trace, game).reps;
}

export interface ClipTraces { full: PoseTrace; fps15: PoseTrace }

export interface RowResult { game: GameId; truth: number; full: number; fps15: number }

export interface EvalResult {
  rows: number;
  right: number;
  reps: number;
  truthReps: number;
  perRow: Record<string, RowResult>;
}

/** Right = the count equals the truth or is one of the accepted counts, at both rates. */
export function isRight(row: TruthRow, result: RowResult): boolean {
  const ok = (n: number) => n === row.reps || row.accept.includes(n);
  return ok(result.full) && ok(result.fps15);
}

export function score(rows: readonly TruthRow[], traces: ReadonlyMap<string, ClipTraces>): EvalResult {
  const perRow: Record<string, RowResult> = {};
  let right = 0;
  let reps = 0;
  let truthReps = 0;
  for (const row of rows) {
    const t = traces.get(row.clip);
    if (!t) throw new Error(`no traces for clip ${row.clip}`);
    const result: RowResult = { game: row.game, truth: row.reps, full: countReps(t.full, row.game), fps15: countReps(t.fps15, row.game) };
    perRow[row.row] = result;
    if (isRight(row, result)) right++;
    reps += result.full;
    truthReps += row.reps;
  }
  return { rows: rows.length, right, reps, truthReps, perRow };
}

export function table(rows: readonly TruthRow[], result: EvalResult): string {
  const lines = [['clip@game', 'truth', 'accept', 'full', 'fps15', 'right?']];
  for (const row of rows) {
    const r = result.perRow[row.row];
    const name = row.row.includes('@') ? row.row : `${row.row}@${row.game}`;
    lines.push([name, String(r.truth), row.accept.length ? row.accept.join(',') : '-', String(r.full), String(r.fps15), isRight(row, r) ? 'yes' : 'NO']);
  }
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const fmt = (l: string[]) => l.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [
    fmt(lines[0]),
    ...lines.slice(1).map(fmt),
    `${result.right} of ${result.rows} rows right, ${result.reps} of ${result.truthReps} reps (full rate)`,
  ].join('\n');
}
