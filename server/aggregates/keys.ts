/**
 * Privacy Pass issuer keys, one per (team, day), derived from one master secret with HKDF-SHA-256
 * so nothing per key is stored and every server instance derives the same keys. Token type 0x0001
 * (privately verifiable, VOPRF(P-384, SHA-384)): the same server issues and redeems, so public
 * verifiability buys nothing, and VOPRF needs no RSA key generation per (team, day).
 */
import './voprf-crypto';
import { createECDH, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { TOKEN_TYPES, TokenChallenge, privateVerif } from '@cloudflare/privacypass-ts';
import { TOKEN_ISSUER_NAME, challengeContext } from '../../src/core/aggregates';

// Speed: voprf-crypto.ts (imported first) switches voprf-ts to its @noble/curves provider, and
// ingest verifies tokens with verify-fast.mjs on a worker pool (verify-pool.ts).

/** Order of the P-384 group. */
const P384_ORDER = BigInt('0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973');
const HKDF_SALT = Buffer.from('microbreak token keys v1');

export interface IssuerKey {
  team: string;
  day: string;
  privateKey: Uint8Array;
  /** Compressed P-384 point (49 bytes). */
  publicKey: Uint8Array;
  /** SHA-256 of the public key (the token key id). */
  keyId: Uint8Array;
  issuer: privateVerif.Issuer;
  /** SHA-256 of the serialized token challenge every token for this (team, day) carries. */
  challengeDigest: Uint8Array;
}

export function tokenChallenge(team: string, day: string): TokenChallenge {
  const context = createHash('sha256').update(challengeContext(team, day)).digest();
  return new TokenChallenge(TOKEN_TYPES.VOPRF.value, TOKEN_ISSUER_NAME, new Uint8Array(context));
}

export interface KeyRing {
  key(team: string, day: string): IssuerKey;
  /** Only the public half (for the published key list): no issuer object, not cached here. */
  publicKey(team: string, day: string): { keyId: Uint8Array; publicKey: Uint8Array };
}

/** `masterSecret`: at least 32 bytes. Keys are cached (bounded) since derivation costs an EC multiply. */
export function createKeyRing(masterSecret: Uint8Array, cacheSize = 4096): KeyRing {
  if (masterSecret.length < 32) throw new Error('The token master secret must be at least 32 bytes');
  const cache = new Map<string, IssuerKey>();
  const derive = (id: string) => {
    const okm = Buffer.from(hkdfSync('sha256', masterSecret, HKDF_SALT, Buffer.from(`voprf-p384|${id}`), 64));
    // 512 bits reduced mod (n - 1), plus one: uniform enough (bias < 2^-128) and never zero.
    const scalar = (BigInt(`0x${okm.toString('hex')}`) % (P384_ORDER - 1n)) + 1n;
    const privateKey = new Uint8Array(Buffer.from(scalar.toString(16).padStart(96, '0'), 'hex'));
    const ecdh = createECDH('secp384r1');
    ecdh.setPrivateKey(privateKey);
    const publicKey = new Uint8Array(ecdh.getPublicKey(null, 'compressed'));
    return { privateKey, publicKey, keyId: new Uint8Array(createHash('sha256').update(publicKey).digest()) };
  };
  return {
    publicKey(team, day) {
      const { publicKey, keyId } = cache.get(`${team}|${day}`) ?? derive(`${team}|${day}`);
      return { publicKey, keyId };
    },
    key(team, day) {
      const id = `${team}|${day}`;
      const hit = cache.get(id);
      if (hit) return hit;
      const { privateKey, publicKey, keyId } = derive(id);
      const key: IssuerKey = {
        team,
        day,
        privateKey,
        publicKey,
        keyId,
        issuer: new privateVerif.Issuer(TOKEN_ISSUER_NAME, privateKey, publicKey),
        challengeDigest: new Uint8Array(createHash('sha256').update(tokenChallenge(team, day).serialize()).digest()),
      };
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
      cache.set(id, key);
      return key;
    },
  };
}

/**
 * The key of the issuance markers (the one-token-per-person quota), derived from the same master
 * secret with its own HKDF label, so every instance agrees and no extra secret is stored.
 */
export function markerKey(masterSecret: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', masterSecret, HKDF_SALT, Buffer.from('issuance-marker'), 32));
}

/**
 * HMAC-SHA-256 over issuer, subject, team and day (JSON-encoded, so no two tuples share bytes):
 * the same person gets the same marker for a (team, day) whatever their account row, so deleting
 * the account and joining again does not free the quota. Without the key it names nobody.
 */
export function issuanceMarker(key: Uint8Array, issuer: string, subject: string, team: string, day: string): Buffer {
  return createHmac('sha256', key).update(JSON.stringify([issuer, subject, team, day])).digest();
}

/** Decodes TOKEN_MASTER_SECRET (base64/base64url or hex, ≥ 32 bytes). */
export function parseMasterSecret(raw: string): Uint8Array {
  const bytes = /^[0-9a-fA-F]+$/.test(raw) && raw.length % 2 === 0 ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64url');
  if (bytes.length < 32) throw new Error('TOKEN_MASTER_SECRET must encode at least 32 bytes (hex or base64)');
  return new Uint8Array(bytes);
}

/** Reads the master secret from `file`, creating it (mode 0600) with 32 random bytes on first use. */
export function loadOrCreateMasterSecret(file: string): Uint8Array {
  if (existsSync(file)) return parseMasterSecret(readFileSync(file, 'utf8').trim());
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(file, `${secret.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return new Uint8Array(secret);
}
