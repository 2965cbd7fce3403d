import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
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

export default defineConfig({
  resolve: {
    alias: { '@mediapipe/pose': here('workers/pose/no-mediapipe.ts') },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: {
    format: 'es',
    rolldownOptions: { output: { minify: TFJS_SAFE_MINIFY } },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
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
