/**
 * The development sign-in: oidc-provider on https://localhost:<port> with a self-signed
 * certificate and test users. `npm start` runs it when no OIDC_ISSUER is configured; browser
 * tests run it too. It never leaves the loopback interface.
 */
import { request as httpsRequest, createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JWK } from 'jose';
import type { ProviderInstance } from 'oidc-provider';
import { ensureCertificate } from './certificate';
import { loadKeys } from './keys';
import { createStore } from './store';
import { handleInteraction } from './interactions';
import { createProvider } from './provider';

export const DEV_CLIENT_ID = 'microbreak-dev-spa';
export const DEV_AUDIENCE = 'api://microbreak-dev';
export const DEV_SCOPE = 'teams';

export interface DevIdpOptions {
  /** 0: any free port. */
  port?: number;
  /** Where the certificate and keys are kept (e.g. data/dev-idp); null: a temporary folder. */
  stateDir?: string | null;
  accessTokenTtlSeconds?: number;
  clientId?: string;
  audience?: string;
  scope?: string;
}

export interface DevIdp {
  /** https://localhost:<port> (no trailing slash), the `iss` of its tokens. */
  issuer: string;
  clientId: string;
  audience: string;
  scope: string;
  /** The self-signed certificate (PEM file), for clients that must trust it. */
  certPath: string;
  cert: string;
  /** Public signing keys, so the API can verify tokens without fetching over self-signed TLS. */
  jwks: { keys: JWK[] };
  /** The OpenID discovery document, inlined into MSAL's config (no discovery request). */
  metadata: Record<string, unknown>;
  close(): Promise<void>;
}

function getJson(url: string, ca: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca, timeout: 5000, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`${url} answered ${res.statusCode}`));
        else resolve(JSON.parse(body) as Record<string, unknown>);
      });
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`${url} timed out`)));
    req.end();
  });
}

export async function startDevIdp(options: DevIdpOptions = {}): Promise<DevIdp> {
  const temporary = options.stateDir ? null : mkdtempSync(join(tmpdir(), 'microbreak-dev-idp-'));
  const stateDir = options.stateDir ?? (temporary as string);
  const tls = ensureCertificate(stateDir);
  const keys = await loadKeys(options.stateDir ?? null);

  // Listen first: the issuer URL contains the port, which may be chosen by the system.
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end('starting');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `https://localhost:${port}`;

  const settings = {
    issuer,
    clientId: options.clientId ?? DEV_CLIENT_ID,
    audience: options.audience ?? DEV_AUDIENCE,
    scope: options.scope ?? DEV_SCOPE,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 600,
  };
  const provider: ProviderInstance = createProvider({ ...settings, keys, adapter: createStore(options.stateDir ?? null) });
  const callback = provider.callback();
  handler = (req, res) => {
    // Browsers ask every origin for a favicon; a 404 there is noise in the console.
    if (req.url === '/favicon.ico') res.writeHead(204, { 'Cache-Control': 'max-age=86400' }).end();
    else if (req.url?.startsWith('/interaction/')) {
      handleInteraction(provider, req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`development sign-in error: ${error instanceof Error ? error.message : String(error)}`);
      });
    } else callback(req, res);
  };

  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  };
  try {
    const metadata = await getJson(`${issuer}/.well-known/openid-configuration`, tls.cert);
    return { ...settings, certPath: tls.certPath, cert: tls.cert, jwks: keys.publicJwks, metadata, close };
  } catch (error) {
    await close();
    throw error;
  }
}
