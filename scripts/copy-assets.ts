/**
 * Copies the pinned pose model and the tfjs wasm binaries from node_modules into public/,
 * refusing any file whose sha256 differs from models/manifest.json (a changed package must be a
 * deliberate, reviewed manifest change, never a silent one).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ManifestFile { from: string; to: string; sha256: string }
export interface ManifestEntry { name: string; package: string; version: string; files: ManifestFile[] }
export interface Manifest { models: ManifestEntry[]; runtimes: ManifestEntry[] }

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function readManifest(): Promise<Manifest> {
  return JSON.parse(await readFile(join(root, 'models/manifest.json'), 'utf8')) as Manifest;
}

/** Where a manifest file lies in node_modules (after checking the package version). */
export async function sourcePath(entry: ManifestEntry, file: ManifestFile): Promise<string> {
  // Not require.resolve: some packages do not export package.json.
  const pkgDir = join(root, 'node_modules', entry.package);
  const { version } = JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  if (version !== entry.version) {
    throw new Error(`${entry.package} is ${version}, manifest pins ${entry.version}: update models/manifest.json deliberately`);
  }
  return join(pkgDir, file.from);
}

/** The bytes of one pinned file, refused when its sha256 differs from the manifest. */
export async function readVerified(entry: ManifestEntry, file: ManifestFile): Promise<Buffer> {
  const bytes = await readFile(await sourcePath(entry, file));
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== file.sha256) {
    throw new Error(`${entry.package}/${file.from}: sha256 ${digest} does not match manifest ${file.sha256}`);
  }
  return bytes;
}

export async function copyAssets(outDir = join(root, 'public')): Promise<string[]> {
  const manifest = await readManifest();
  const written: string[] = [];
  for (const entry of [...manifest.models, ...manifest.runtimes]) {
    for (const file of entry.files) {
      const bytes = await readVerified(entry, file);
      const target = join(outDir, file.to);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, bytes);
      written.push(file.to);
    }
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  copyAssets().then(
    (files) => console.log(`copy-assets: ${files.length} files verified and copied (${files.join(', ')})`),
    (error: unknown) => {
      console.error(`copy-assets: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
