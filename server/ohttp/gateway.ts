/**
 * The Oblivious HTTP gateway (RFC 9458 §6.2; issue 12): POST /gateway takes an Encapsulated
 * Request from the relay, opens it, decodes the binary HTTP request (RFC 9292, bhttp-js) and
 * dispatches it inside this process (`inject`) to the anonymous routes only, with a fixed header
 * set: nothing of the outer request (address, User-Agent, client hints, language, cookies,
 * forwarded headers) reaches them, and nothing of the client reached the outer request (the relay
 * sends only the body). GET /ohttp-keys serves the one key configuration that every client gets.
 * Neither route is logged per request.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BHttpDecoder, BHttpEncoder } from 'bhttp-js';
import { KEYS_MEDIA_TYPE, OhttpError, REQUEST_MEDIA_TYPE, RESPONSE_MEDIA_TYPE, decapsulateRequest, encodeKeys, type GatewayKey } from '../../src/core/ohttp';
import { CONTRIBUTION_BODY_LIMIT } from '../aggregates/routes';
import { METADATA_PATH } from '../routes/metadata';

export const GATEWAY_PATH = '/gateway';
export const KEYS_PATH = '/ohttp-keys';

/** The only routes reachable through the relay: the anonymous upload, the key list, the endpoint metadata. */
export const GATEWAY_ROUTES: ReadonlySet<string> = new Set(['POST /api/contributions', 'GET /api/token-keys', `GET ${METADATA_PATH}`]);

/** An upload is ~330 bytes; HPKE and BHTTP add < 100. Anything larger is not one of ours. */
export const GATEWAY_BODY_LIMIT = CONTRIBUTION_BODY_LIMIT + 512;

/** The whole header set of an inner request: a body's type, nothing else. */
function innerHeaders(method: string): Record<string, string | undefined> {
  // `user-agent: undefined` keeps light-my-request from adding its own.
  return method === 'POST' ? { 'content-type': 'application/json', 'user-agent': undefined } : { 'user-agent': undefined };
}

/** The peer address of a dispatched request: "this host", never a real client's. */
const DISPATCH_ADDRESS = '0.0.0.0';

/** Requests that the gateway dispatched (the per-address limit already counted the relay's outer request). */
export function isGatewayDispatch(request: FastifyRequest): boolean {
  return '_lightMyRequest' in request.raw && request.raw.socket?.remoteAddress === DISPATCH_ADDRESS;
}

export function gatewayRoutes(key: GatewayKey) {
  const keys = Buffer.from(encodeKeys([key.config]));
  return async function register(app: FastifyInstance): Promise<void> {
    app.addContentTypeParser(REQUEST_MEDIA_TYPE, { parseAs: 'buffer', bodyLimit: GATEWAY_BODY_LIMIT }, (_request, body, done) => done(null, body));

    app.get(KEYS_PATH, async (_request, reply) => {
      reply.header('Cache-Control', 'public, max-age=3600');
      return reply.type(KEYS_MEDIA_TYPE).send(keys);
    });

    app.post<{ Body: Buffer }>(GATEWAY_PATH, { bodyLimit: GATEWAY_BODY_LIMIT }, async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) return reply.code(415).type('text/plain').send('message/ohttp-req expected');
      let opened;
      try {
        opened = await decapsulateRequest(key, new Uint8Array(request.body));
      } catch (error) {
        if (!(error instanceof OhttpError)) throw error;
        // RFC 9458 §5.2: a request that cannot be opened gets a plain 400 (nothing to encrypt to).
        return reply.code(400).type('text/plain').send('the request could not be decapsulated');
      }
      const inner = await dispatch(app, opened.request);
      const encResponse = await opened.sealResponse(await new BHttpEncoder().encodeResponse(inner));
      reply.header('Cache-Control', 'no-store');
      return reply.type(RESPONSE_MEDIA_TYPE).send(Buffer.from(encResponse));
    });
  };
}

function refusal(status: number, error: string, message: string): Response {
  return new Response(JSON.stringify({ error, message }), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

/** Decodes the binary request and runs it against an allowed route; any problem is an encapsulated error. */
async function dispatch(app: FastifyInstance, binary: Uint8Array): Promise<Response> {
  let method: string;
  let path: string;
  let body: Buffer | undefined;
  try {
    const request = new BHttpDecoder().decodeRequest(binary);
    method = request.method;
    path = new URL(request.url).pathname;
    body = method === 'POST' ? Buffer.from(await request.arrayBuffer()) : undefined;
  } catch {
    return refusal(400, 'invalid-request', 'Invalid request: not a binary HTTP request.');
  }
  if (!GATEWAY_ROUTES.has(`${method} ${path}`)) return refusal(404, 'not-found', 'Not found.');
  const answer = await app.inject({ method: method as 'GET' | 'POST', url: path, headers: innerHeaders(method), remoteAddress: DISPATCH_ADDRESS, ...(body ? { payload: body } : {}) });
  // Only what the client needs of the answer: its status, type and body.
  const type = answer.headers['content-type'];
  const retryAfter = answer.headers['retry-after'];
  return new Response(new Uint8Array(answer.rawPayload), {
    status: answer.statusCode,
    headers: { ...(typeof type === 'string' ? { 'content-type': type } : {}), ...(retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {}) },
  });
}
