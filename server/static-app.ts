import fastifyStatic from '@fastify/static';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
        // The sign-in redirect bridge: never stored anywhere (docs/design.md §6).
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

/**
 * Unknown addresses: a browser asking for a page gets the app itself with status 404, and the app
 * shows its own not-found page in the user's language; anything else gets the JSON 404.
 */
export function pageNotFound(app: FastifyInstance, options: { root: string }): void {
  const indexFile = join(options.root, 'index.html');
  app.setNotFoundHandler(async (request, reply) => {
    const wantsPage = (request.method === 'GET' || request.method === 'HEAD') && (request.headers.accept ?? '').includes('text/html');
    if (!wantsPage) return reply.code(404).send({ error: 'not-found', message: 'Not found.' });
    return reply.code(404).header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(await readFile(indexFile, 'utf8'));
  });
}
