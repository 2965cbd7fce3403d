/**
 * One error shape for the whole API, `{ error, message }`, and logs without personal data: no IP,
 * no headers, no bodies, no query strings, no database error details (which can quote values).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Logger serializers: the route pattern instead of the URL, the status, an error's type and code. */
export const logSerializers = {
  req(request: { method: string; routeOptions?: { url?: string } }) {
    return { method: request.method, route: request.routeOptions?.url ?? '(unmatched)' };
  },
  res(reply: { statusCode: number }) {
    return { statusCode: reply.statusCode };
  },
  err(error: Error & { code?: unknown; statusCode?: unknown }) {
    // The message of a database error can quote values only in `detail`, which is left out; the
    // stack stays in the server log (never in a response).
    return { type: error.name, code: error.code, statusCode: error.statusCode, message: error.message, stack: error.stack ?? '' };
  },
};

function clientError(error: FastifyError): { status: number; error: string; message: string } {
  if (error.validation) {
    return { status: 400, error: 'invalid-request', message: `Invalid request: ${error.message}`.slice(0, 300) };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, error: 'body-too-large', message: 'The request body is too large.' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, error: 'unsupported-media-type', message: 'Send JSON (Content-Type: application/json).' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, error: 'invalid-request', message: 'The request body is empty or its length is wrong.' };
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_CONTENT_TYPE') {
    return { status: 400, error: 'invalid-json', message: 'The request body is not valid JSON.' };
  }
  return { status: clientStatus(error), error: 'bad-request', message: 'The request could not be processed.' };
}

/** The error's own 4xx status, or 400. */
function clientStatus(error: FastifyError): number {
  return typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.statusCode).send({ error: error.error, message: error.message });
    }
    // Unique violation from a concurrent duplicate (e.g. the same join twice at once).
    if ((error as { code?: unknown }).code === '23505') {
      request.log.info({ err: error }, 'conflict');
      return reply.code(409).send({ error: 'conflict', message: 'The request conflicted with a concurrent change; try again.' });
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      const mapped = clientError(error);
      request.log.info({ err: { type: error.name, code: error.code } }, 'client error');
      return reply.code(mapped.status).send({ error: mapped.error, message: mapped.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'Something went wrong on the server.' });
  });
}

/** JSON 404s in the `{ error, message }` shape (the /api scope says "No such API route"). */
export function notFound(app: FastifyInstance, message = 'Not found.'): void {
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not-found', message }));
}

/** Errors the framework raises before routing (bad URL encoding, etc.) get the same shape. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  reply.code(clientStatus(error)).send({ error: 'bad-request', message: 'The request URL or headers could not be processed.' });
}
