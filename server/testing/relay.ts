/** Starts the real relay process (`npm run relay`, relay/main.ts) for tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const RELAY = join(here, '..', '..', 'relay', 'main.ts');
const TSX = join(here, '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RelayProcess {
  child: ChildProcess;
  /** Everything the relay printed after it started (it must print nothing per request). */
  output(): string;
  stop(): void;
}

/** `env`: GATEWAY_URL, RELAY_PORT, RELAY_ALLOW_ORIGINS… and nothing of the server's secrets. */
export function startRelay(env: Record<string, string>): Promise<RelayProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, RELAY], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let after = '';
    let started = false;
    const collect = (chunk: Buffer) => {
      if (started) after += chunk.toString();
      else {
        out += chunk.toString();
        if (out.includes('OHTTP relay listening')) {
          started = true;
          after = out.slice(out.indexOf('\n', out.indexOf('OHTTP relay listening')) + 1);
          resolve({ child, output: () => after, stop: () => void child.kill('SIGTERM') });
        }
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.on('exit', (code) => {
      if (!started) reject(new Error(`relay exited early (${code}): ${out}`));
    });
  });
}
