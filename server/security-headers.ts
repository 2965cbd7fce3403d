import type { FastifyInstance } from 'fastify';

/**
 * Headers every response of the app needs. COOP+COEP make the page cross-origin isolated, which
 * the tfjs wasm backend needs for threads (SharedArrayBuffer).
 */
export function crossOriginIsolationHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Embedder-Policy', 'require-corp');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()');
  });
}
