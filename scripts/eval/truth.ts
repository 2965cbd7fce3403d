/**
 * truth.json of the accuracy bench (the format of ../shared/real-motion/truth.json): per clip the
 * game, the hand-counted reps, other defensible counts (`accept`), other games the same movement
 * should score (`alsoGames`), and for `--clips` the video `file` with an optional `trim` [start, end] s.
 */
import { isGameId, type GameId } from '../../src/core/games';

export interface TruthGame { game: GameId; reps: number; accept: number[] }
export interface TruthClip extends TruthGame {
  clip: string;
  file?: string;
  trim?: [number, number];
  alsoGames: TruthGame[];
}

/** One scored line of the table: a clip's main game (`clip`) or one of its alsoGames (`clip@game`). */
export interface TruthRow extends TruthGame { row: string; clip: string }

export class TruthError extends Error {
  constructor(message: string, readonly path: string) {
    super(`truth.json ${path}: ${message}`);
    this.name = 'TruthError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function truthGame(v: Record<string, unknown>, at: string): TruthGame {
  if (typeof v.game !== 'string' || !isGameId(v.game)) throw new TruthError(`unknown game ${JSON.stringify(v.game)}`, `${at}.game`);
  if (!isCount(v.reps)) throw new TruthError(`reps must be a whole number ≥ 0, got ${JSON.stringify(v.reps)}`, `${at}.reps`);
  const accept = v.accept ?? [];
  if (!Array.isArray(accept) || !accept.every(isCount)) throw new TruthError('accept must be a list of whole numbers ≥ 0', `${at}.accept`);
  return { game: v.game, reps: v.reps, accept };
}

/** Validates parsed truth.json; `needFiles` (for --clips) requires a `file` per clip. */
export function parseTruth(json: unknown, needFiles: boolean): TruthClip[] {
  if (!isObject(json)) throw new TruthError('must be an object of clips', '$');
  const clips = Object.entries(json).map(([clip, v]): TruthClip => {
    const at = JSON.stringify(clip);
    if (!/^[\w.-]+$/.test(clip)) throw new TruthError('clip names may hold only letters, digits, "_", "-" and "."', at);
    if (!isObject(v)) throw new TruthError('must be an object', at);
    const main = truthGame(v, at);
    const also = v.alsoGames ?? [];
    if (!Array.isArray(also)) throw new TruthError('must be a list', `${at}.alsoGames`);
    const alsoGames = also.map((g: unknown, i) => {
      if (!isObject(g)) throw new TruthError('must be an object', `${at}.alsoGames[${i}]`);
      return truthGame(g, `${at}.alsoGames[${i}]`);
    });
    const games = [main.game, ...alsoGames.map((g) => g.game)];
    if (new Set(games).size !== games.length) throw new TruthError('a game may appear only once per clip', `${at}.alsoGames`);
    if (v.file !== undefined && (typeof v.file !== 'string' || v.file === '')) throw new TruthError('must be a file name', `${at}.file`);
    if (needFiles && v.file === undefined) throw new TruthError('--clips needs the video file of every clip', `${at}.file`);
    let trim: [number, number] | undefined;
    if (v.trim !== undefined) {
      const t = v.trim;
      if (!Array.isArray(t) || t.length !== 2 || !t.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0) || t[0] >= t[1]) {
        throw new TruthError('trim must be [start, end] in seconds with 0 ≤ start < end', `${at}.trim`);
      }
      trim = [t[0], t[1]];
    }
    return { clip, ...main, file: v.file as string | undefined, trim, alsoGames };
  });
  if (clips.length === 0) throw new TruthError('holds no clips', '$');
  return clips;
}

export function truthRows(clips: readonly TruthClip[]): TruthRow[] {
  return clips.flatMap((c) => [
    { row: c.clip, clip: c.clip, game: c.game, reps: c.reps, accept: c.accept },
    ...c.alsoGames.map((g) => ({ row: `${c.clip}@${g.game}`, clip: c.clip, ...g })),
  ]);
}
