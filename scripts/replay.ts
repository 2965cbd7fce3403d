/**
 * Replays a recorded pose-trace/1 file through the same run as the play page (src/core/play).
 * Usage: npm run replay -- <trace.json> [--game <id>] [--seed N]
 * Game and seed default to the ones the trace recorded (--game is required for traces without).
 * Prints exactly one JSON line (docs/design.md §4); on bad arguments or a bad file: a message on stderr, exit 2.
 */
import { readFileSync } from 'node:fs';
import { GAME_IDS, isGameId } from '../src/core/games';
import { summarize } from '../src/core/metrics';
import { parseTraceText, TraceError } from '../src/core/trace';

const USAGE = `usage: npm run replay -- <trace.json> [--game <${GAME_IDS.join('|')}>] [--seed N]`;

function fail(message: string): never {
  process.stderr.write(`replay: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { file: string; game: (typeof GAME_IDS)[number] | undefined; seed: number | undefined } {
  let file: string | undefined;
  let game: string | undefined;
  let seed: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--game' || a === '--seed') {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      if (a === '--game') game = v;
      else {
        if (!/^-?\d+$/.test(v)) fail(`--seed must be an integer, got "${v}"`);
        seed = Number(v);
      }
    } else if (a.startsWith('--')) {
      fail(`unknown option ${a}`);
    } else if (file === undefined) {
      file = a;
    } else {
      fail(`unexpected argument "${a}"`);
    }
  }
  if (!file) fail('missing trace file');
  if (game !== undefined && !isGameId(game)) fail(`unknown game "${game}"`);
  return { file, game, seed };
}

const { file, game, seed } = parseArgs(process.argv.slice(2));
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (e) {
  fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
}
try {
  const trace = parseTraceText(text);
  if (!game && !trace.run) fail(`${file} records no game: add --game`);
  process.stdout.write(JSON.stringify(summarize(trace, game, seed)) + '\n');
} catch (e) {
  if (e instanceof TraceError) fail(`${file} is not a valid pose-trace/1 file: ${e.message}`);
  throw e;
}
