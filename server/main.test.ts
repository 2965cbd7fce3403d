/** `npm start`'s entry: PGlite, migrations, the development sign-in by default, 503 on sign-in routes without it. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const work = mkdtempSync(join(tmpdir(), 'microbreak-main-'));
writeFileSync(join(work, 'index.html'), '<!doctype html><title>x</title>');

afterAll(() => rmSync(work, { recursive: true, force: true }));

function start(env: Record<string, string>) {
  // Only what the child needs: PATH, HOME; no OIDC_*, DATABASE_URL or other settings leak in.
  const child = spawn(tsx, [join(root, 'server', 'main.ts')], {
    cwd: work,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? work, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** Waits (≤ 60 s) for the "running at http://localhost:PORT/" line; the address to call. */
async function baseUrl(server: ReturnType<typeof start>): Promise<string> {
  const deadline = Date.now() + 60_000;
  let match: RegExpMatchArray | null = null;
  while (!(match = server.output().match(/localhost:(\d+)\//)) && Date.now() < deadline && server.child.exitCode === null) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(match, server.output()).not.toBeNull();
  return `http://127.0.0.1:${match?.[1]}`;
}

describe('server/main.ts', () => {
  it('starts with sign-in off: embedded PGlite, metadata served, sign-in routes 503', async () => {
    const server = start({ STATIC_DIR: work, PORT: '0', DEV_SIGN_IN: 'off' });
    try {
      const base = await baseUrl(server);
      const metadata = await fetch(`${base}/.well-known/microbreak-endpoint.json`);
      expect(metadata.status).toBe(200);
      expect((await metadata.json()).jurisdiction).toBe('EU');
      const me = await fetch(`${base}/api/me`);
      expect(me.status).toBe(503);
      expect((await me.json()).error).toBe('auth-not-configured');
      expect((await fetch(`${base}/`)).status).toBe(200);
      expect(server.output()).toContain('migrations applied: 0001_people_and_teams');
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  }, 90_000);

  it('starts the development sign-in when no OIDC_ISSUER is set and tells the app about it', async () => {
    const server = start({ STATIC_DIR: work, PORT: '0', DEV_IDP_PORT: '0', DATA_DIR: 'memory' });
    try {
      const base = await baseUrl(server);
      const { signIn } = await (await fetch(`${base}/api/client-config`)).json();
      expect(signIn).toMatchObject({ isDevSignIn: true, protocolMode: 'OIDC', authority: expect.stringMatching(/^https:\/\/localhost:\d+$/) });
      const me = await fetch(`${base}/api/me`);
      expect(me.status).toBe(401);
      expect((await me.json()).error).toBe('missing-token');
      expect(server.output()).toContain('development sign-in with test users');
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  }, 90_000);

  it('exits non-zero with a clear message on invalid configuration', async () => {
    const server = start({ STATIC_DIR: work, PORT: '0', OIDC_ISSUER: 'https://issuer.example', JURISDICTION: 'Mars' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('OIDC_AUDIENCE is required');
    expect(server.output()).toContain('JURISDICTION');
  }, 60_000);

  it('in production with nothing set, exits 1 naming every missing setting and starts no sign-in', async () => {
    const server = start({ STATIC_DIR: work, PORT: '0', NODE_ENV: 'production' });
    expect(await server.exited).toBe(1);
    for (const name of ['OPERATOR_NAME', 'JURISDICTION', 'REGION', 'OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_ALLOWED_TENANTS', 'TOKEN_MASTER_SECRET']) {
      expect(server.output()).toContain(`${name} is required in production`);
    }
    expect(server.output()).not.toMatch(/running at|development sign-in with test users/);
  }, 60_000);
});
