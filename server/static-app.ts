import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built PWA. The service worker and the HTML must never be cached by HTTP (a stale
 * sw.js would pin users to an old version); hashed assets are immutable.
 */
export async function staticApp(app: FastifyInstance, options: { root: string }): Promise<void> {
  await app.register(fastifyStatic, {
    root: options.root,
    index: ['index.html'],
    setHeaders(reply, path) {
      if (path.endsWith('/redirect.html')) {
        // The sign-in redirect bridge: never stored anywhere (design §6).
        reply.header('Cache-Control', 'no-store');
      } else if (path.endsWith('.html') || path.endsWith('sw.js') || path.endsWith('.webmanifest')) {
        reply.header('Cache-Control', 'no-cache');
      } else if (/\/assets\//.test(path)) {
        reply.header('Cache-Control', 'public, max-age=31536000, immutable');
      } else {
        reply.header('Cache-Control', 'public, max-age=3600');
      }
      if (path.endsWith('.wasm')) reply.header('Content-Type', 'application/wasm');
    },
  });
}
