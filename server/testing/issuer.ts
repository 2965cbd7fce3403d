/**
 * A throwaway OpenID issuer for tests: keys made with jose, JWKS and discovery served from an
 * http server on 127.0.0.1 (port 0), tokens signed in the test.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import type { AuthConfig } from '../config';

export const TEST_AUDIENCE = 'api://microbreak-test';
export const TEST_SCOPE = 'teams';

export interface SignOptions {
  alg?: 'RS256' | 'ES256' | 'PS256';
  /** Sign with a key the JWKS does not publish (forged). */
  key?: CryptoKey;
  kid?: string;
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative: already expired. */
  expiresIn?: number;
  scope?: string | null;
  claims?: JWTPayload;
  /** The time the token is issued at (default: now); tests with a moved server clock pass it. */
  now?: Date;
}

export interface TestIssuer {
  issuer: string;
  jwksUri: string;
  config: AuthConfig;
  /** A token for `subject` (as `sub`) with the API audience and scope unless overridden. */
  sign(subject: string, options?: SignOptions): Promise<string>;
  /** Keys the JWKS does not know (for forgeries). */
  otherKeys: { RS256: CryptoKey; ES256: CryptoKey };
  /** Requests the JWKS server has answered. */
  jwksRequests(): number;
  close(): Promise<void>;
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const rs = await generateKeyPair('RS256');
  const es = await generateKeyPair('ES256');
  const ps = await generateKeyPair('PS256');
  const otherRs = await generateKeyPair('RS256');
  const otherEs = await generateKeyPair('ES256');
  const jwks = {
    keys: [
      { ...(await exportJWK(rs.publicKey)), kid: 'rs', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(es.publicKey)), kid: 'es', alg: 'ES256', use: 'sig' },
      { ...(await exportJWK(ps.publicKey)), kid: 'ps', alg: 'PS256', use: 'sig' },
    ],
  };
  let issuer = '';
  let requests = 0;
  const server: Server = createServer((request, response) => {
    if (request.url === '/.well-known/jwks.json') {
      requests += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    } else if (request.url === '/.well-known/openid-configuration') {
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ issuer, jwks_uri: `${issuer}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const keys = { RS256: { key: rs.privateKey, kid: 'rs' }, ES256: { key: es.privateKey, kid: 'es' }, PS256: { key: ps.privateKey, kid: 'ps' } };

  return {
    issuer,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    config: {
      issuer,
      audience: TEST_AUDIENCE,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      requiredScope: TEST_SCOPE,
      algorithms: ['RS256', 'ES256', 'PS256'],
      clockToleranceSeconds: 30,
    },
    async sign(subject, options = {}) {
      const alg = options.alg ?? 'RS256';
      const scope = options.scope === undefined ? TEST_SCOPE : options.scope;
      const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
      const payload: JWTPayload = { ...(scope === null ? {} : { scp: scope }), ...options.claims };
      const jwt = new SignJWT(payload)
        .setProtectedHeader({ alg, kid: options.kid ?? keys[alg].kid, typ: 'JWT' })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? TEST_AUDIENCE)
        .setIssuedAt(now)
        .setExpirationTime(now + (options.expiresIn ?? 600));
      if (subject !== '') jwt.setSubject(subject);
      return jwt.sign(options.key ?? keys[alg].key);
    },
    otherKeys: { RS256: otherRs.privateKey, ES256: otherEs.privateKey },
    jwksRequests: () => requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
