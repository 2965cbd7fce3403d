import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * A strict CSP: no inline script anywhere. The pose engine needs 'wasm-unsafe-eval' (tfjs wasm)
 * and blob: workers (tfjs-backend-wasm starts its threads from blob URLs); the camera picture is
 * a mediastream; nothing may frame the app. `connectOrigins`: what the page may fetch from besides
 * itself (the sign-in authority's endpoints, the OHTTP relay).
 */
export function contentSecurityPolicy(connectOrigins: string[] = []): string {
  return [
    "default-src 'self'",
    // blob: because tfjs-backend-wasm's thread workers importScripts() their code from a blob URL.
    "script-src 'self' blob: 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    `connect-src ${["'self'", ...connectOrigins].join(' ')}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "style-src 'self'",
    "font-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** https directly, or through a proxy that says so; browsers ignore HSTS over plain http anyway. */
function isHttps(request: FastifyRequest): boolean {
  if (request.protocol === 'https') return true;
  const forwarded = request.headers['x-forwarded-proto'];
  return typeof forwarded === 'string' && forwarded.split(',')[0].trim().toLowerCase() === 'https';
}

/**
 * Headers every response of the app needs. COOP+COEP make the page cross-origin isolated, which
 * the tfjs wasm backend needs for threads (SharedArrayBuffer).
 *
 * The sign-in redirect bridge (/redirect.html) gets the same COOP as the app (docs/design.md §6),
 * although the first design said "without COOP": measured in Chromium 156, a bridge page without
 * COOP writes MSAL's response into a sessionStorage that the COOP'd app page it then navigates to
 * never sees (the two end up in different browsing context groups), so every redirect sign-in
 * silently came back signed out. With one COOP for both, the hand-over works. Popups, the only
 * reason for a COOP-free bridge, are not used (the app's own COOP breaks them anyway).
 */
export function crossOriginIsolationHeaders(app: FastifyInstance, connectOrigins: string[]): void {
  const csp = contentSecurityPolicy(connectOrigins);
  app.addHook('onSend', async (request, reply) => {
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Embedder-Policy', 'require-corp');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    reply.header('Content-Security-Policy', csp);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()');
    if (isHttps(request)) reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  });
}
