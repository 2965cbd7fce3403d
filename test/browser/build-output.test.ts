import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = join(import.meta.dirname, '..', '..', 'dist');

// Checks the production build (npm test builds first; global-setup refuses to run without one): what the service worker precaches decides
// whether the app and the model work offline after one visit.
describe('production build', () => {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');

  it('precaches the app shell, the pose model and the wasm binaries', () => {
    for (const url of ['index.html', 'models/movenet-lightning.json', 'models/movenet-lightning.bin', 'wasm/tfjs-backend-wasm-simd.wasm', 'wasm/tfjs-backend-wasm-threaded-simd.wasm', 'manifest.webmanifest']) {
      expect(sw).toContain(`"${url}"`);
    }
    expect(sw).toMatch(/assets\/pose\.worker-[\w-]+\.js/);
  });

  it('precaches the chunks the pose worker loads on demand (the GPU backends), so they work offline too', () => {
    const workerFile = readdirSync(join(dist, 'assets')).find((f) => /^pose\.worker-[\w-]+\.js$/.test(f))!;
    const worker = readFileSync(join(dist, 'assets', workerFile), 'utf8');
    const chunks = [...worker.matchAll(/import\([`'"]\.\/([\w-]+\.js)[`'"]\)/g)].map((m) => m[1]);
    expect(chunks.length).toBeGreaterThanOrEqual(2); // webgl and webgpu
    for (const chunk of chunks) expect(sw).toContain(`"assets/${chunk}"`);
  });

  it('does not precache source maps', () => {
    expect(sw).not.toMatch(/"[^"]+\.map"/);
  });

  it('ships an installable manifest', () => {
    const manifest = JSON.parse(readFileSync(join(dist, 'manifest.webmanifest'), 'utf8'));
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.start_url).toBe('/');
  });
});
