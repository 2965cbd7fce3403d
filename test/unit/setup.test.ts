/**
 * scripts/setup.mjs, the first step of `npm start` and `npm test`: when it installs the locked
 * dependencies (and when it must not), and what it does to prepare a machine for the tests.
 * The install itself is npm's; here a stand-in found through npm_execpath (how the script finds
 * the npm that runs it) records each call and lays out node_modules the way npm does, so these
 * tests need no network. test/browser/fresh-clone.test.ts runs the real `npm start` on a clone.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dependencyMismatch, listening, systemPlan } from '../../scripts/setup.mjs';
import { repoRoot } from '../fixtures/fake-camera';

const scratch = mkdtempSync(join(tmpdir(), 'microbreak-setup-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let trees = 0;

interface LockEntry { version?: string; integrity?: string; dev?: boolean; optional?: boolean; os?: string[]; link?: boolean }
type Lock = { packages: Record<string, LockEntry & Record<string, unknown>> };

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 2));
}

/** A project like ours in miniature: one dependency, one dev dependency, one optional package for another platform. */
function project(): string {
  const root = join(scratch, `tree-${++trees}`);
  const dependencies = { left: '1.0.0' };
  const devDependencies = { right: '2.0.0' };
  writeJson(join(root, 'package.json'), { name: 'mini', version: '0.0.0', dependencies, devDependencies });
  const lock: Lock = {
    packages: {
      '': { name: 'mini', version: '0.0.0', dependencies, devDependencies } as LockEntry & Record<string, unknown>,
      'node_modules/left': { version: '1.0.0', integrity: 'sha512-left' },
      'node_modules/right': { version: '2.0.0', integrity: 'sha512-right', dev: true },
      'node_modules/@native/aix-ppc64': { version: '2.0.0', integrity: 'sha512-aix', dev: true, optional: true, os: ['aix'] },
    },
  };
  writeJson(join(root, 'package-lock.json'), { name: 'mini', lockfileVersion: 3, requires: true, ...lock });
  return root;
}

/** What npm install leaves behind: each package for this platform on disk, and its record of them. */
function installFromLock(root: string): void {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lock;
  const installed: Lock['packages'] = {};
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.os) continue;
    writeJson(join(root, path, 'package.json'), { name: path.slice('node_modules/'.length), version: entry.version });
    installed[path] = entry;
  }
  writeJson(join(root, 'node_modules', '.package-lock.json'), { name: 'mini', lockfileVersion: 3, packages: installed });
}

function editJson<T>(path: string, edit: (value: T) => void): void {
  const value = JSON.parse(readFileSync(path, 'utf8')) as T;
  edit(value);
  writeJson(path, value);
}

describe('dependencyMismatch: does node_modules hold what package-lock.json pins?', () => {
  it('says why not when node_modules is missing or was not made by npm', () => {
    const root = project();
    expect(dependencyMismatch(root)).toBe('node_modules is missing');
    mkdirSync(join(root, 'node_modules', 'left'), { recursive: true });
    expect(dependencyMismatch(root)).toBe('node_modules has no record of an npm install');
  });

  it('matches after an install, although the other platform\'s optional package is absent', () => {
    const root = project();
    installFromLock(root);
    expect(dependencyMismatch(root)).toBeNull();
  });

  it('does not match when the lock pins another version than the one installed', () => {
    const root = project();
    installFromLock(root);
    editJson<Lock>(join(root, 'package-lock.json'), (lock) => {
      lock.packages['node_modules/left'] = { version: '1.0.1', integrity: 'sha512-left-1.0.1' };
    });
    expect(dependencyMismatch(root)).toBe('node_modules/left is 1.0.0, the lock pins 1.0.1');
  });

  it('does not match when package.json names a dependency the lock does not have yet', () => {
    const root = project();
    installFromLock(root);
    editJson<{ dependencies: Record<string, string> }>(join(root, 'package.json'), (pkg) => {
      pkg.dependencies.extra = '3.0.0';
    });
    expect(dependencyMismatch(root)).toBe("package.json's dependencies differ from package-lock.json");
  });

  it('does not match when a locked package was removed, changed on disk, or something else was installed', () => {
    const removed = project();
    installFromLock(removed);
    rmSync(join(removed, 'node_modules', 'right'), { recursive: true });
    expect(dependencyMismatch(removed)).toBe('node_modules/right is missing from disk');

    const changed = project();
    installFromLock(changed);
    writeJson(join(changed, 'node_modules', 'left', 'package.json'), { name: 'left', version: '0.9.0' });
    expect(dependencyMismatch(changed)).toBe('node_modules/left on disk is not version 1.0.0');

    // Some packages write "v1.0.0" in their own package.json; npm records 1.0.0 (bhttp-js does).
    const prefixed = project();
    installFromLock(prefixed);
    writeJson(join(prefixed, 'node_modules', 'left', 'package.json'), { name: 'left', version: 'v1.0.0' });
    expect(dependencyMismatch(prefixed)).toBeNull();

    const extra = project();
    installFromLock(extra);
    editJson<Lock>(join(extra, 'node_modules', '.package-lock.json'), (record) => {
      record.packages['node_modules/stray'] = { version: '1.0.0', integrity: 'sha512-stray' };
    });
    expect(dependencyMismatch(extra)).toBe('node_modules/stray is installed but not in package-lock.json');

    const notInstalled = project();
    installFromLock(notInstalled);
    editJson<Lock>(join(notInstalled, 'node_modules', '.package-lock.json'), (record) => {
      delete record.packages['node_modules/right'];
    });
    expect(dependencyMismatch(notInstalled)).toBe('node_modules/right is not installed');
  });

  it('holds for this checkout, whose node_modules npm installed from the lock', () => {
    expect(dependencyMismatch(repoRoot)).toBeNull();
  });
});

describe('node scripts/setup.mjs start', () => {
  /** An npm stand-in: logs its arguments, then installs from the lock (or does what `behaviour` says). */
  function npmStandIn(behaviour: 'install' | 'fail' | 'nothing'): { cli: string; calls: () => string[] } {
    const dir = join(scratch, `npm-${++trees}`);
    mkdirSync(dir, { recursive: true });
    const log = join(dir, 'calls.log');
    const cli = join(dir, 'npm-cli.js');
    writeFileSync(cli, `
      const fs = require('node:fs'), path = require('node:path');
      fs.appendFileSync(${JSON.stringify(log)}, process.argv.slice(2).join(' ') + '\\n');
      // Real npm refuses allow-scripts from the environment in a project install (EALLOWSCRIPTS).
      if (process.env.npm_config_allow_scripts) process.exit(4);
      if (${JSON.stringify(behaviour)} === 'fail') process.exit(3);
      if (${JSON.stringify(behaviour)} === 'nothing') process.exit(0);
      const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
      const installed = {};
      for (const [p, entry] of Object.entries(lock.packages)) {
        if (p === '' || entry.os) continue;
        fs.mkdirSync(p, { recursive: true });
        fs.writeFileSync(path.join(p, 'package.json'), JSON.stringify({ version: entry.version }));
        installed[p] = entry;
      }
      fs.writeFileSync('node_modules/.package-lock.json', JSON.stringify({ packages: installed }));
    `);
    return { cli, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) };
  }

  function runSetup(root: string, npmCli: string) {
    mkdirSync(join(root, 'scripts'), { recursive: true });
    copyFileSync(join(repoRoot, 'scripts', 'setup.mjs'), join(root, 'scripts', 'setup.mjs'));
    const result = spawnSync(process.execPath, ['scripts/setup.mjs', 'start'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', npm_execpath: npmCli, npm_config_allow_scripts: 'esbuild' },
      encoding: 'utf8',
    });
    return { status: result.status, output: result.stdout + result.stderr };
  }

  it('installs when node_modules is missing, not again on the second start, and again when the lock changes', () => {
    const root = project();
    const npm = npmStandIn('install');
    const first = runSetup(root, npm.cli);
    expect(first.status, first.output).toBe(0);
    expect(first.output).toContain('setup: installing the locked dependencies (node_modules is missing)');
    expect(npm.calls()).toEqual(['install --no-audit --no-fund --include=dev']);

    const second = runSetup(root, npm.cli);
    expect(second.status, second.output).toBe(0);
    expect(second.output).not.toContain('installing');
    expect(npm.calls()).toHaveLength(1);

    editJson<Lock>(join(root, 'package-lock.json'), (lock) => {
      lock.packages['node_modules/right'] = { version: '2.1.0', integrity: 'sha512-right-2.1.0', dev: true };
    });
    const third = runSetup(root, npm.cli);
    expect(third.status, third.output).toBe(0);
    expect(third.output).toContain('(node_modules/right is 2.0.0, the lock pins 2.1.0)');
    expect(npm.calls()).toHaveLength(2);
    expect(dependencyMismatch(root)).toBeNull();
  });

  it('stops with one clear line when npm install fails or leaves node_modules unlike the lock', () => {
    const failing = runSetup(project(), npmStandIn('fail').cli);
    expect(failing.status).toBe(1);
    expect(failing.output).toContain('setup: npm install failed (exit code 3)');

    const idle = runSetup(project(), npmStandIn('nothing').cli);
    expect(idle.status).toBe(1);
    expect(idle.output).toContain('setup: node_modules still does not match package-lock.json after npm install: node_modules is missing');
  });
});

describe('systemPlan: what `npm test` does to the machine', () => {
  const ready = { root: true, apt: true, chromium: true, ffmpeg: true, postgres: 'up', redis: 'up' } as const;

  it('does nothing on a machine that has everything', () => {
    expect(systemPlan(ready)).toEqual({ commands: [], problems: [], waitForPostgres: false });
    expect(systemPlan({ ...ready, postgres: 'skip', redis: 'absent' })).toEqual({ commands: [], problems: [], waitForPostgres: false });
  });

  it('installs missing chromium and ffmpeg from Debian as root, and otherwise names the command', () => {
    const asRoot = systemPlan({ ...ready, chromium: false, ffmpeg: false });
    expect(asRoot.commands.map((c) => c.argv)).toEqual([
      ['apt-get', 'update', '-qq'],
      ['apt-get', 'install', '-y', '-qq', 'chromium', 'ffmpeg'],
    ]);
    expect(asRoot.problems).toEqual([]);

    const asUser = systemPlan({ ...ready, root: false, ffmpeg: false });
    expect(asUser.commands).toEqual([]);
    expect(asUser.problems).toEqual(["the browser tests need Debian's ffmpeg: run `sudo apt-get install -y ffmpeg`"]);
  });

  it('starts an installed PostgreSQL that is down, as root; otherwise names the command', () => {
    const postgres = { clusters: ['15', '16'], pgCtlCluster: true };
    const asRoot = systemPlan({ ...ready, postgres });
    expect(asRoot.commands.map((c) => c.argv)).toEqual([['pg_ctlcluster', '--skip-systemctl-redirect', '15', 'main', 'start']]);
    expect(asRoot.waitForPostgres).toBe(true);

    const asUser = systemPlan({ ...ready, root: false, postgres });
    expect(asUser.commands).toEqual([]);
    expect(asUser.problems[0]).toContain('run `sudo pg_ctlcluster --skip-systemctl-redirect 15 main start`');

    const absent = systemPlan({ ...ready, postgres: { clusters: [], pgCtlCluster: false } });
    expect(absent.commands).toEqual([]);
    expect(absent.problems[0]).toContain('SKIP_PG_TESTS=1 npm test');
  });

  it('starts an installed Redis that is down, without persisting anything', () => {
    expect(systemPlan({ ...ready, redis: 'down' }).commands.map((c) => c.argv)).toEqual([
      ['redis-server', '--daemonize', 'yes', '--save', '', '--appendonly', 'no'],
    ]);
  });

  it('probes a port the way it probes PostgreSQL and Redis', async () => {
    const server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    expect(await listening(port)).toBe(true);
    await new Promise((resolve) => server.close(resolve));
    expect(await listening(port)).toBe(false);
  });
});
