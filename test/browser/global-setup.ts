import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureFakeVideo, ensureLeaningVideo, repoRoot } from '../fixtures/fake-camera';

/** Browser tests run against the production build (service worker and headers behave only there). */
export default function setup(): void {
  if (!existsSync(join(repoRoot, 'dist', 'index.html'))) {
    throw new Error('no production build: run "npm run build" first (npm test does)');
  }
  ensureFakeVideo();
  ensureLeaningVideo();
}
