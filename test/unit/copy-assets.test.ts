import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyAssets } from '../../scripts/copy-assets';

const dirs: string[] = [];
afterAll(async () => { await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))); });

describe('model packaging', () => {
  it('copies the pinned model and wasm files with the recorded sha256', async () => {
    const out = await mkdtemp(join(tmpdir(), 'assets-'));
    dirs.push(out);
    const files = await copyAssets(out);
    expect(files).toContain('models/movenet-lightning.bin');
    expect(files).toContain('wasm/tfjs-backend-wasm-threaded-simd.wasm');
    const manifest = JSON.parse(await readFile('models/manifest.json', 'utf8'));
    const bin = await readFile(join(out, 'models/movenet-lightning.bin'));
    const recorded = manifest.models[0].files.find((f: { to: string }) => f.to === 'models/movenet-lightning.bin').sha256;
    expect(createHash('sha256').update(bin).digest('hex')).toBe(recorded);
  });
});
