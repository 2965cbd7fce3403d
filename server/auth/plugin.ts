/**
 * The `onRequest` hook that guards API routes: verifies the bearer token and sets
 * `request.principal`. Without a configured issuer every guarded route answers 503.
 */
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { AuthError, bearerToken, type Principal, type TokenVerifier } from './verify';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function sendAuthError(reply: FastifyReply, error: AuthError): FastifyReply {
  if (error.statusCode === 401) {
    const code = error.error === 'insufficient-scope' ? 'insufficient_scope' : 'invalid_token';
    reply.header('WWW-Authenticate', error.error === 'missing-token' ? 'Bearer' : `Bearer error="${code}"`);
  }
  return reply.code(error.statusCode).send({ error: error.error, message: error.message });
}

export function requireAuth(verifier: TokenVerifier | null): onRequestAsyncHookHandler {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    if (!verifier) {
      return reply.code(503).send({ error: 'auth-not-configured', message: 'Sign-in is not configured on this server (no OIDC_ISSUER).' });
    }
    try {
      request.principal = await verifier(bearerToken(request.headers.authorization));
    } catch (error) {
      if (error instanceof AuthError) return sendAuthError(reply, error);
      throw error;
    }
  };
}
