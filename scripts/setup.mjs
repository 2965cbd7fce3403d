/**
 * The first step of `npm start` and `npm test`, so that a fresh clone needs nothing run before them.
 * Plain Node with no dependencies: it runs before any are installed.
 *
 *   node scripts/setup.mjs start   installs the locked dependencies when node_modules is missing or
 *                                  does not match package-lock.json
 *   node scripts/setup.mjs test    the same, then what the tests need from the machine: Debian's
 *                                  chromium and ffmpeg, PostgreSQL on 127.0.0.1:5432 and Redis
 *                                  (installed or started as root; otherwise one line saying what to run)
 *
 * Prints nothing when everything is already in place.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

/** @param {string} path */
function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** @param {Record<string, string>} [a] @param {Record<string, string>} [b] */
function sameRecord(a = {}, b = {}) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

/**
 * Why `root/node_modules` does not hold what `root/package-lock.json` pins, or null when it does.
 * npm records what it installed in node_modules/.package-lock.json (its "hidden lockfile"); that
 * record must list every locked package with the same version and integrity (optional packages
 * for other platforms are never installed), nothing more, and each package must be on disk.
 * @param {string} root
 * @returns {string | null}
 */
export function dependencyMismatch(root) {
  const lockPath = join(root, 'package-lock.json');
  if (!existsSync(lockPath)) return 'there is no package-lock.json';
  if (!existsSync(join(root, 'node_modules'))) return 'node_modules is missing';
  const installedPath = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installedPath)) return 'node_modules has no record of an npm install';

  const manifest = readJson(join(root, 'package.json'));
  const locked = readJson(lockPath).packages ?? {};
  const installed = readJson(installedPath).packages ?? {};
  for (const field of DEPENDENCY_FIELDS) {
    if (!sameRecord(manifest[field], locked['']?.[field])) return `package.json's ${field} differ from package-lock.json`;
  }
  for (const [path, entry] of Object.entries(locked)) {
    if (path === '') continue;
    const have = installed[path];
    if (!have) {
      if (entry.optional || entry.devOptional) continue;
      return `${path} is not installed`;
    }
    if (have.version !== entry.version || have.integrity !== entry.integrity || have.link !== entry.link) {
      return `${path} is ${have.version ?? 'a link'}, the lock pins ${entry.version ?? 'a link'}`;
    }
  }
  for (const [path, have] of Object.entries(installed)) {
    if (!(path in locked)) return `${path} is installed but not in package-lock.json`;
    if (have.link) continue;
    const pkgJson = join(root, path, 'package.json');
    if (!existsSync(pkgJson)) return `${path} is missing from disk`;
    // npm normalises versions in its records ("v0.2.1" in bhttp-js's own package.json is 0.2.1).
    if (String(readJson(pkgJson).version).replace(/^[=v]+/, '') !== have.version) return `${path} on disk is not version ${have.version}`;
  }
  return null;
}

/**
 * The npm that runs this script (npm sets npm_execpath), else the one on PATH.
 * @returns {[string, string[]]}
 */
function npmCommand() {
  const cli = process.env.npm_execpath;
  if (cli && /npm-cli\.c?js$/.test(cli)) return [process.execPath, [cli]];
  return ['npm', []];
}

/**
 * Installs the locked dependencies when node_modules does not match the lock.
 * @returns {boolean} whether npm install ran
 */
export function ensureDependencies(root = repoRoot, log = console.log) {
  const reason = dependencyMismatch(root);
  if (reason === null) return false;
  log(`setup: installing the locked dependencies (${reason}); the first time takes a minute or two`);
  const [command, prefix] = npmCommand();
  const env = { ...process.env };
  // Set by the npm that runs `npm start` whenever some .npmrc sets allow-scripts; a nested project
  // install refuses it as if it were a command-line flag (EALLOWSCRIPTS). The install reads the
  // .npmrc files and package.json's allowScripts itself.
  delete env.npm_config_allow_scripts;
  // --include=dev: the build tools are dev dependencies, also under NODE_ENV=production.
  const result = spawnSync(command, [...prefix, 'install', '--no-audit', '--no-fund', '--include=dev'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new SetupError(`npm install failed (${result.error?.message ?? `exit code ${result.status}`})`);
  const after = dependencyMismatch(root);
  if (after !== null) throw new SetupError(`node_modules still does not match package-lock.json after npm install: ${after}`);
  return true;
}

export class SetupError extends Error {}

/**
 * What the tests need from the machine, as commands to run (as root) and lines for the user.
 * Pure, so that every case is tested without changing the machine.
 * @param {{ root: boolean, apt: boolean, chromium: boolean, ffmpeg: boolean,
 *   postgres: 'up' | 'skip' | { clusters: string[], pgCtlCluster: boolean },
 *   redis: 'up' | 'absent' | 'down' }} facts
 * @returns {{ commands: { what: string, argv: string[], quiet?: boolean }[], problems: string[], waitForPostgres: boolean }}
 */
export function systemPlan(facts) {
  const commands = [];
  const problems = [];
  const missing = [];
  if (!facts.chromium) missing.push('chromium');
  if (!facts.ffmpeg) missing.push('ffmpeg');
  if (missing.length > 0) {
    if (facts.root && facts.apt) {
      commands.push({ what: `installing ${missing.join(' and ')} from Debian`, argv: ['apt-get', 'update', '-qq'], quiet: true });
      commands.push({ what: '', argv: ['apt-get', 'install', '-y', '-qq', ...missing], quiet: true });
    } else {
      problems.push(`the browser tests need Debian's ${missing.join(' and ')}: run \`sudo apt-get install -y ${missing.join(' ')}\``);
    }
  }
  let waitForPostgres = false;
  if (facts.postgres !== 'up' && facts.postgres !== 'skip') {
    const { clusters, pgCtlCluster } = facts.postgres;
    if (clusters.length > 0 && pgCtlCluster) {
      const start = ['pg_ctlcluster', '--skip-systemctl-redirect', clusters[0], 'main', 'start'];
      if (facts.root) {
        commands.push({ what: `starting PostgreSQL ${clusters[0]}`, argv: start });
        waitForPostgres = true;
      } else {
        problems.push(`PostgreSQL is installed but not running on 127.0.0.1:5432: run \`sudo ${start.join(' ')}\` (or SKIP_PG_TESTS=1 npm test to test on PGlite only)`);
      }
    } else {
      problems.push('the server tests need PostgreSQL on 127.0.0.1:5432 (user postgres, trust, database test): install it with `sudo apt-get install -y postgresql`, or run SKIP_PG_TESTS=1 npm test to test on PGlite only');
    }
  }
  // No test needs Redis when it is not installed; when it is, it must answer.
  if (facts.redis === 'down') {
    commands.push({ what: 'starting Redis', argv: ['redis-server', '--daemonize', 'yes', '--save', '', '--appendonly', 'no'] });
  }
  return { commands, problems, waitForPostgres };
}

/** @param {string} name */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

/**
 * Whether something accepts TCP connections on host:port (within one second).
 * @param {number} port
 * @returns {Promise<boolean>}
 */
export function listening(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    /** @param {boolean} up */
    const done = (up) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** PostgreSQL the tests use: TEST_DATABASE_URL when it names a local port, else 127.0.0.1:5432. */
function postgresPort() {
  try {
    const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
    return Number(url.port || 5432);
  } catch {
    return 5432;
  }
}

/** @typedef {Parameters<typeof systemPlan>[0] & { pgPort: number }} MachineFacts */

/** @returns {Promise<MachineFacts>} */
async function machineFacts() {
  const pgPort = postgresPort();
  /** @type {MachineFacts['postgres']} */
  let postgres;
  if (process.env.SKIP_PG_TESTS === '1') postgres = 'skip';
  else if (await listening(pgPort)) postgres = 'up';
  else {
    const clusters = existsSync('/etc/postgresql')
      ? readdirSync('/etc/postgresql').sort((a, b) => Number(a) - Number(b) || a.localeCompare(b))
      : [];
    postgres = { clusters, pgCtlCluster: onPath('pg_ctlcluster') };
  }
  /** @type {MachineFacts['redis']} */
  let redis = 'absent';
  if (onPath('redis-server')) redis = (await listening(6379)) ? 'up' : 'down';
  return {
    root: process.getuid?.() === 0,
    apt: onPath('apt-get'),
    chromium: existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
    ffmpeg: onPath('ffmpeg'),
    postgres,
    redis,
    pgPort,
  };
}

async function ensureMachine(log = console.log) {
  const facts = await machineFacts();
  const plan = systemPlan(facts);
  for (const { what, argv, quiet } of plan.commands) {
    if (what) log(`setup: ${what}`);
    const result = spawnSync(argv[0], argv.slice(1), {
      cwd: tmpdir(),
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
    });
    if (result.status !== 0) throw new SetupError(`\`${argv.join(' ')}\` failed (${result.error?.message ?? `exit code ${result.status}`})`);
  }
  if (plan.waitForPostgres) {
    let up = false;
    for (let i = 0; i < 30 && !(up = await listening(facts.pgPort)); i++) await new Promise((r) => setTimeout(r, 1000));
    if (!up) plan.problems.push(`PostgreSQL was started but does not answer on 127.0.0.1:${facts.pgPort}`);
  }
  if (plan.problems.length > 0) throw new SetupError(plan.problems.join('\nsetup: '));
}

/**
 * One line on Node 20, whose warnings from dependencies would otherwise look like faults.
 * @param {(line: string) => void} log
 */
function checkNode(log) {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new SetupError(`Microbreak needs Node 20.19 or later (22 or 24 LTS recommended); this is ${process.version}`);
  }
  if (major < 22) {
    log(`setup: Node ${process.version} runs Microbreak, but Node 20 is past its end of life and some dependencies declare Node 22 or later: npm's EBADENGINE and oidc-provider's "Unsupported runtime" warnings come from that (README, Requirements)`);
  }
}

async function main() {
  const mode = process.argv[2];
  if (mode !== 'start' && mode !== 'test') throw new SetupError('usage: node scripts/setup.mjs start|test');
  checkNode(console.log);
  ensureDependencies(repoRoot);
  if (mode === 'test') await ensureMachine();
}

if (process.argv[1] && realpathSync(fileURLToPath(import.meta.url)) === realpathSync(process.argv[1])) {
  main().catch((error) => {
    if (!(error instanceof SetupError)) throw error;
    console.error(`setup: ${error.message}`);
    process.exit(1);
  });
}
