/**
 * Signing key and cookie keys of the development sign-in. With a state folder they are kept
 * there (tokens and sessions stay valid across `npm start` restarts); without one (tests) they
 * are made fresh in memory.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface IdpKeys {
  /** Private RS256 signing key (JWK with `kid`, `alg`, `use`). */
  signing: JWK;
  /** The public half, as published in the JWKS. */
  publicJwks: { keys: JWK[] };
  cookieKeys: string[];
}

async function freshKeys(): Promise<{ signing: JWK; cookieKeys: string[] }> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return {
    signing: { ...jwk, kid: `dev-${randomBytes(6).toString('hex')}`, alg: 'RS256', use: 'sig' },
    cookieKeys: [randomBytes(32).toString('base64url')],
  };
}

function publicHalf(jwk: JWK): JWK {
  const { kty, n, e, kid, alg, use } = jwk;
  return { kty, n, e, kid, alg, use };
}

export async function loadKeys(stateDir: string | null): Promise<IdpKeys> {
  let stored: { signing: JWK; cookieKeys: string[] } | null = null;
  const file = stateDir ? join(stateDir, 'keys.json') : null;
  if (file && existsSync(file)) {
    try {
      stored = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      stored = null; // unreadable: make new ones (old dev tokens then fail with a clear 401)
    }
  }
  if (!stored?.signing?.d || !Array.isArray(stored.cookieKeys)) {
    stored = await freshKeys();
    if (file && stateDir) {
      mkdirSync(stateDir, { recursive: true, mode: 0o700 });
      writeFileSync(file, JSON.stringify(stored), { mode: 0o600 });
    }
  }
  return { signing: stored.signing, publicJwks: { keys: [publicHalf(stored.signing)] }, cookieKeys: stored.cookieKeys };
}
