/**
 * An Oblivious HTTP relay (RFC 9458 §6.1), meant to be run by a party other than the server's
 * operator. It learns who sends and when, never what (the request is HPKE-encapsulated to the
 * gateway); the gateway learns what, never who: the relay forwards the body alone, with a
 * content type and nothing of the client's connection or headers. It keeps and logs nothing per
 * request, bounds sizes and times, and answers CORS for the app's origin.
 */
import { request as httpRequest, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface RelayOptions {
  /** The gateway resource (POST message/ohttp-req). */
  gatewayUrl: string;
  /** The gateway's key configuration (GET application/ohttp-keys), served again at /ohttp-keys. */
  keysUrl: string;
  /** Origins allowed to call the relay from a page (CORS); ['*'] for any. */
  allowOrigins: string[];
  /** Largest request body forwarded, bytes. */
  maxRequestBytes: number;
  /** Largest gateway answer passed back, bytes. */
  maxResponseBytes: number;
  /** Gateway round trip limit, ms. */
  timeoutMs: number;
}

export const RELAY_DEFAULTS = { maxRequestBytes: 8 * 1024, maxResponseBytes: 8 * 1024 * 1024, timeoutMs: 10_000 };

const REQUEST_TYPE = 'message/ohttp-req';
const RESPONSE_TYPE = 'message/ohttp-res';
const KEYS_TYPE = 'application/ohttp-keys';
/** Every client gets the same key config; the relay keeps it this long. */
const KEYS_CACHE_MS = 5 * 60_000;

class TooLarge extends Error {}

/** `drain`: past the limit, keep reading and discarding (so a 413 can be answered) instead of cutting the stream. */
function readBody(stream: IncomingMessage, limit: number, drain = false): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stream.off('data', onData);
      if (drain) stream.resume();
      else stream.destroy();
      reject(new TooLarge());
    };
    stream.on('data', onData);
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** One request to the gateway with exactly these headers (node:http adds Host and Content-Length only). */
function upstream(url: string, method: 'GET' | 'POST', headers: Record<string, string>, body: Buffer | null, options: RelayOptions): Promise<{ status: number; type: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(target, { method, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) }, timeout: options.timeoutMs }, (response) => {
      readBody(response, options.maxResponseBytes).then(
        (data) => resolve({ status: response.statusCode ?? 502, type: String(response.headers['content-type'] ?? ''), body: data }),
        reject,
      );
    });
    request.on('timeout', () => request.destroy(new Error('gateway timeout')));
    request.on('error', reject);
    request.end(body ?? undefined);
  });
}

export function createRelay(options: RelayOptions): Server {
  let keys: { at: number; body: Buffer } | null = null;

  function cors(request: IncomingMessage, response: ServerResponse): void {
    const origin = request.headers.origin;
    if (options.allowOrigins.includes('*')) response.setHeader('Access-Control-Allow-Origin', '*');
    else if (origin && options.allowOrigins.includes(origin)) {
      response.setHeader('Access-Control-Allow-Origin', origin);
      response.setHeader('Vary', 'Origin');
    }
  }

  function answer(response: ServerResponse, status: number, type: string, body: Buffer | string): void {
    response.statusCode = status;
    response.setHeader('Content-Type', type);
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.end(body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    cors(request, response);
    const path = new URL(request.url ?? '/', 'http://relay').pathname;
    if (request.method === 'OPTIONS') {
      response.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      response.setHeader('Access-Control-Allow-Headers', 'content-type');
      response.setHeader('Access-Control-Max-Age', '86400');
      response.statusCode = 204;
      response.end();
      return;
    }
    if (request.method === 'GET' && path === '/ohttp-keys') {
      if (!keys || Date.now() - keys.at > KEYS_CACHE_MS) {
        const got = await upstream(options.keysUrl, 'GET', { accept: KEYS_TYPE }, null, options);
        if (got.status !== 200 || got.type.split(';')[0].trim() !== KEYS_TYPE) return answer(response, 502, 'text/plain', 'gateway keys unavailable');
        keys = { at: Date.now(), body: got.body };
      }
      return answer(response, 200, KEYS_TYPE, keys.body);
    }
    if (request.method !== 'POST' || path !== '/') return answer(response, 404, 'text/plain', 'not found');
    if ((request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() !== REQUEST_TYPE) return answer(response, 415, 'text/plain', `${REQUEST_TYPE} expected`);
    if (Number(request.headers['content-length'] ?? 0) > options.maxRequestBytes) throw new TooLarge();
    const body = await readBody(request, options.maxRequestBytes, true);
    // Only the body and its type travel on: no address, no forwarded-for, none of the client's headers.
    const got = await upstream(options.gatewayUrl, 'POST', { 'content-type': REQUEST_TYPE }, body, options);
    if (got.status === 200 && got.type.split(';')[0].trim() === RESPONSE_TYPE) return answer(response, 200, RESPONSE_TYPE, got.body);
    return answer(response, got.status >= 400 && got.status < 500 ? got.status : 502, 'text/plain', 'the gateway refused the request');
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      if (error instanceof TooLarge) {
        response.setHeader('Connection', 'close');
        return answer(response, 413, 'text/plain', 'request too large');
      }
      answer(response, 502, 'text/plain', 'gateway unreachable');
    });
  });
  // Slow clients are cut off; nothing per request is logged.
  server.requestTimeout = options.timeoutMs + 5_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  return server;
}
