import { fileURLToPath } from 'node:url';
import { defineConfig, type Rolldown } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Cross-origin isolation (wasm threads) is needed in dev too.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// tfjs-backend-wasm starts its threads from `factory.toString()` in a blob worker. The compressor
// drops that factory's `typeof _scriptDir` guard (the name is declared in the enclosing scope, but
// not in the blob), which fails with "… is not defined". Mangling is safe; compression is not.
const TFJS_SAFE_MINIFY = { compress: false, mangle: true } as const;

// Build messages that are known and harmless, dropped so that the ones that matter stand out:
// - sjcl (inside @cloudflare/voprf-ts and blindrsa-ts, the Privacy Pass client) probes for Node's
//   `crypto` and `module` behind `typeof module !== 'undefined'` guards; in the browser the guard
//   is false and sjcl takes its randomness from `crypto.getRandomValues`, so the externalized
//   `crypto` and the CommonJS `module` variable are never used.
// - @hpke/common (the OHTTP encryption) imports Node's `crypto` only when `globalThis.crypto` is
//   missing (Node ≤ 18); every browser the app supports has it, so that import never runs.
// - the plugin timing report: vite-plugin-pwa's closeBundle (the service-worker build) takes a few
//   seconds by design.
type LogHandler = (level: Rolldown.LogLevel, log: Rolldown.RollupLog) => void;
function dropKnownHarmless(level: Rolldown.LogLevel, log: Rolldown.RollupLog, handler: LogHandler): void {
  const sjcl = /@cloudflare\/(voprf-ts|blindrsa-ts)\/.*sjcl/;
  const hpke = /@hpke\/common\/esm\/src\/(algorithm|utils\/misc)\.js/;
  if (log.code === 'COMMONJS_VARIABLE_IN_ESM' && sjcl.test(log.id ?? log.message)) return;
  if (log.message.includes('Module "crypto" has been externalized') && (sjcl.test(log.message) || hpke.test(log.message))) return;
  if (log.code === 'PLUGIN_TIMINGS') return;
  handler(level, log);
}

export default defineConfig({
  resolve: {
    alias: [
      { find: '@mediapipe/pose', replacement: here('workers/pose/no-mediapipe.ts') },
      // Only the bare name (pose-detection's import); backend.ts loads the real index when needed.
      { find: /^@tensorflow\/tfjs-backend-webgpu$/, replacement: here('workers/pose/webgpu-names.ts') },
    ],
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: {
    format: 'es',
    rolldownOptions: { output: { minify: TFJS_SAFE_MINIFY }, onLog: dropKnownHarmless },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    // The pose worker carries tfjs and its backends (≈2.1 MB) and the bench page its two peers
    // (≈1.3 MB); both load once and are precached. Anything larger than that still warns.
    chunkSizeWarningLimit: 2200,
    rolldownOptions: {
      onLog: dropKnownHarmless,
      output: { minify: TFJS_SAFE_MINIFY },
      // bench.html: the developer bench page (npm run bench), kept out of the precache below.
      // redirect.html: the sign-in redirect bridge (design §6, src/app/auth/redirect-bridge.ts).
      input: { main: here('index.html'), bench: here('bench.html'), redirect: here('redirect.html') },
    },
  },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'prompt',
      manifest: {
        id: '/',
        name: 'Microbreak – active breaks',
        short_name: 'Microbreak',
        description: 'Short active breaks in front of your webcam. Video never leaves your device.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#0f1a2b',
        theme_color: '#0f1a2b',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        rollupFormat: 'iife',
        // The model (4.6 MB) and wasm binaries are precached so the first offline start works;
        // hence the raised per-file limit. Source maps stay out.
        globPatterns: ['**/*.{js,css,html,webmanifest,png,svg,ico,wasm,json,bin}'],
        // redirect.html: the sign-in bridge must always come from the network (no-store), never a cache.
        globIgnores: ['**/*.map', 'bench.html', 'assets/bench-*.js', 'redirect.html', 'assets/redirect-*.js'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
});
