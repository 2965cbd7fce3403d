/**
 * microbreak-export/1: everything this device stores about the user, in one JSON file that can
 * be re-imported elsewhere (documented field by field in docs/export-format.md). Validation gives clear errors
 * and never half-imports.
 */
import { isGameId } from '../../core/games';
import { isDay } from '../../core/calendar';
import type { PersonalBest, StoredSession, StoredUpload } from './db';

export const EXPORT_FORMAT = 'microbreak-export/1';

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  sessions: StoredSession[];
  personalBests: PersonalBest[];
  settings: Record<string, unknown>;
  /** The anonymous upload log (what was sent, byte for byte). Informational: never imported. */
  uploads?: StoredUpload[];
  /**
   * What the team server holds about the person (GET /api/me/export), when signed in at export
   * time; null when it could not be asked. Informational: never imported.
   */
  server?: Record<string, unknown> | null;
}

export class ImportError extends Error {
  constructor(readonly path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'ImportError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finiteAtLeast0 = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function session(value: unknown, path: string): StoredSession {
  if (!isObject(value)) throw new ImportError(path, 'must be an object');
  const { id, game, startedAt, date, durationSeconds, reps, activeSeconds, movementPoints, hits, holdSeconds, seed } = value;
  if (typeof id !== 'string' || id.length === 0 || id.length > 100) throw new ImportError(`${path}.id`, 'must be a non-empty string');
  if (!isGameId(game)) throw new ImportError(`${path}.game`, `unknown game ${JSON.stringify(game)}`);
  if (!isDay(date)) throw new ImportError(`${path}.date`, 'must be a YYYY-MM-DD date');
  for (const [name, v] of Object.entries({ startedAt, durationSeconds, reps, activeSeconds, movementPoints, seed })) {
    if (!finiteAtLeast0(v)) throw new ImportError(`${path}.${name}`, 'must be a number ≥ 0');
  }
  if (hits !== undefined && !finiteAtLeast0(hits)) throw new ImportError(`${path}.hits`, 'must be a number ≥ 0');
  if (holdSeconds !== undefined && !finiteAtLeast0(holdSeconds)) throw new ImportError(`${path}.holdSeconds`, 'must be a number ≥ 0');
  const clean: StoredSession = {
    id, game, date,
    startedAt: startedAt as number, durationSeconds: durationSeconds as number, reps: reps as number,
    activeSeconds: activeSeconds as number, movementPoints: movementPoints as number, seed: seed as number,
  };
  if (hits !== undefined) clean.hits = hits as number;
  if (holdSeconds !== undefined) clean.holdSeconds = holdSeconds as number;
  if (value.corrected !== undefined) clean.corrected = corrected(value.corrected, `${path}.corrected`);
  return clean;
}

/** The mark of a break corrected in History: when, and what the game measured. */
function corrected(value: unknown, path: string): NonNullable<StoredSession['corrected']> {
  if (!isObject(value) || !isObject(value.measured)) throw new ImportError(path, 'must be { at, measured }');
  if (!finiteAtLeast0(value.at)) throw new ImportError(`${path}.at`, 'must be a number ≥ 0');
  const { reps, activeSeconds, movementPoints, hits, holdSeconds } = value.measured;
  for (const [name, v] of Object.entries({ reps, activeSeconds, movementPoints })) {
    if (!finiteAtLeast0(v)) throw new ImportError(`${path}.measured.${name}`, 'must be a number ≥ 0');
  }
  for (const [name, v] of Object.entries({ hits, holdSeconds })) {
    if (v !== undefined && !finiteAtLeast0(v)) throw new ImportError(`${path}.measured.${name}`, 'must be a number ≥ 0');
  }
  const measured: NonNullable<StoredSession['corrected']>['measured'] = { reps: reps as number, activeSeconds: activeSeconds as number, movementPoints: movementPoints as number };
  if (hits !== undefined) measured.hits = hits as number;
  if (holdSeconds !== undefined) measured.holdSeconds = holdSeconds as number;
  return { at: value.at as number, measured };
}

function best(value: unknown, path: string): PersonalBest {
  if (!isObject(value)) throw new ImportError(path, 'must be an object');
  const { game, reps, movementPoints, sessionId, date } = value;
  if (!isGameId(game)) throw new ImportError(`${path}.game`, `unknown game ${JSON.stringify(game)}`);
  if (!finiteAtLeast0(reps) || !finiteAtLeast0(movementPoints)) throw new ImportError(path, 'reps and movementPoints must be numbers ≥ 0');
  if (typeof sessionId !== 'string' || !isDay(date)) throw new ImportError(path, 'needs sessionId and a YYYY-MM-DD date');
  return { game, reps: reps as number, movementPoints: movementPoints as number, sessionId, date };
}

export function parseExport(text: string): ExportFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportError('(file)', 'is not JSON');
  }
  if (!isObject(json)) throw new ImportError('(file)', 'must be a JSON object');
  if (json.format !== EXPORT_FORMAT) throw new ImportError('format', `must be "${EXPORT_FORMAT}", got ${JSON.stringify(json.format)}`);
  if (!Array.isArray(json.sessions)) throw new ImportError('sessions', 'must be an array');
  if (!Array.isArray(json.personalBests)) throw new ImportError('personalBests', 'must be an array');
  if (!isObject(json.settings)) throw new ImportError('settings', 'must be an object');
  return {
    format: EXPORT_FORMAT,
    exportedAt: typeof json.exportedAt === 'string' ? json.exportedAt : '',
    sessions: json.sessions.map((s, i) => session(s, `sessions[${i}]`)),
    personalBests: json.personalBests.map((b, i) => best(b, `personalBests[${i}]`)),
    settings: json.settings,
  };
}
