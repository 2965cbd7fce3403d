/**
 * Oblivious HTTP framing (RFC 9458), shared by the page (client), the server (gateway) and tests.
 * Every cryptographic step is a library primitive of `@hpke/core`: HPKE base mode for the request,
 * the context's secret export, HKDF and AES-GCM (both WebCrypto underneath) for the response. This
 * module only lays out bytes: the key configuration (§3), the request header and info (§4.3) and
 * the response salt and labels (§4.4). One suite: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
 * AES-128-GCM (the RFC's example suite, supported by WebCrypto in Node and Chromium).
 * Pure: no DOM or Node API beyond the WebCrypto that both have.
 */
import { Aes128Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';

// Core is compiled without DOM or Node types; both runtimes have WebCrypto's getRandomValues.
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };

export const KEM_X25519_HKDF_SHA256 = 0x0020;
export const KDF_HKDF_SHA256 = 0x0001;
export const AEAD_AES_128_GCM = 0x0001;

/** Media types of RFC 9458 §9. */
export const KEYS_MEDIA_TYPE = 'application/ohttp-keys';
export const REQUEST_MEDIA_TYPE = 'message/ohttp-req';
export const RESPONSE_MEDIA_TYPE = 'message/ohttp-res';

const NPK = 32; // X25519 public key and enc
const NK = 16; // AES-128-GCM key
const NN = 12; // AES-128-GCM nonce
const HEADER_LENGTH = 7;

export class OhttpError extends Error {
  override name = 'OhttpError';
}

export interface SymmetricAlgorithm {
  kdfId: number;
  aeadId: number;
}

/** One key configuration (RFC 9458 §3.1). */
export interface KeyConfig {
  keyId: number;
  kemId: number;
  publicKey: Uint8Array;
  algorithms: SymmetricAlgorithm[];
}

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const REQUEST_LABEL = ascii('message/bhttp request');
const RESPONSE_LABEL = ascii('message/bhttp response');
const KEY_LABEL = ascii('key');
const NONCE_LABEL = ascii('nonce');

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const u16 = (bytes: Uint8Array, at: number) => (bytes[at] << 8) | bytes[at + 1];
const put16 = (value: number) => new Uint8Array([(value >> 8) & 0xff, value & 0xff]);

function newSuite(): CipherSuite {
  return new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes128Gcm() });
}

/** The one suite this module speaks; a config must offer it. */
function supports(config: KeyConfig): boolean {
  return config.kemId === KEM_X25519_HKDF_SHA256 && config.publicKey.length === NPK && config.algorithms.some((a) => a.kdfId === KDF_HKDF_SHA256 && a.aeadId === AEAD_AES_128_GCM);
}

export function encodeKeyConfig(config: KeyConfig): Uint8Array {
  if (config.keyId < 0 || config.keyId > 255 || config.algorithms.length === 0) throw new OhttpError('invalid key configuration');
  return concat(
    new Uint8Array([config.keyId]),
    put16(config.kemId),
    config.publicKey,
    put16(config.algorithms.length * 4),
    ...config.algorithms.map((a) => concat(put16(a.kdfId), put16(a.aeadId))),
  );
}

/** One key configuration; the public key length follows from the KEM (only X25519 is known here). */
export function decodeKeyConfig(bytes: Uint8Array): KeyConfig {
  if (bytes.length < 3) throw new OhttpError('key configuration too short');
  const kemId = u16(bytes, 1);
  if (kemId !== KEM_X25519_HKDF_SHA256) throw new OhttpError(`unsupported KEM 0x${kemId.toString(16)}`);
  const end = 3 + NPK;
  if (bytes.length < end + 2) throw new OhttpError('key configuration too short');
  const length = u16(bytes, end);
  if (length < 4 || length % 4 !== 0 || bytes.length !== end + 2 + length) throw new OhttpError('malformed symmetric algorithms');
  const algorithms: SymmetricAlgorithm[] = [];
  for (let at = end + 2; at < bytes.length; at += 4) algorithms.push({ kdfId: u16(bytes, at), aeadId: u16(bytes, at + 2) });
  return { keyId: bytes[0], kemId, publicKey: bytes.slice(3, end), algorithms };
}

/** `application/ohttp-keys`: each configuration preceded by its 2-byte length (RFC 9458 §3.2). */
export function encodeKeys(configs: KeyConfig[]): Uint8Array {
  return concat(...configs.map(encodeKeyConfig).map((c) => concat(put16(c.length), c)));
}

/** Configurations of an unknown KEM are skipped (a client picks one it supports). */
export function decodeKeys(bytes: Uint8Array): KeyConfig[] {
  const out: KeyConfig[] = [];
  for (let at = 0; at < bytes.length; ) {
    if (at + 2 > bytes.length) throw new OhttpError('truncated key list');
    const length = u16(bytes, at);
    if (at + 2 + length > bytes.length) throw new OhttpError('truncated key list');
    const one = bytes.slice(at + 2, at + 2 + length);
    at += 2 + length;
    if (one.length >= 3 && u16(one, 1) !== KEM_X25519_HKDF_SHA256) continue;
    out.push(decodeKeyConfig(one));
  }
  return out;
}

/** The gateway's key: its configuration and the HPKE key pair (WebCrypto keys, opaque here). */
export interface GatewayKey {
  config: KeyConfig;
  keyPair: Awaited<ReturnType<CipherSuite['kem']['generateKeyPair']>>;
}

/** DeriveKeyPair (RFC 9180 §7.1.3) from a secret seed of ≥ 32 bytes: the same key on every replica. */
export async function gatewayKeyFromSeed(keyId: number, seed: Uint8Array): Promise<GatewayKey> {
  if (seed.length < 32) throw new OhttpError('the key seed must be at least 32 bytes');
  const suite = newSuite();
  const keyPair = await suite.kem.deriveKeyPair(seed);
  const publicKey = new Uint8Array(await suite.kem.serializePublicKey(keyPair.publicKey));
  return { keyPair, config: { keyId, kemId: KEM_X25519_HKDF_SHA256, publicKey, algorithms: [{ kdfId: KDF_HKDF_SHA256, aeadId: AEAD_AES_128_GCM }] } };
}

function requestHeader(keyId: number): Uint8Array {
  return concat(new Uint8Array([keyId]), put16(KEM_X25519_HKDF_SHA256), put16(KDF_HKDF_SHA256), put16(AEAD_AES_128_GCM));
}

/** info = "message/bhttp request" || 0x00 || hdr (RFC 9458 §4.3). */
function requestInfo(header: Uint8Array): Uint8Array {
  return concat(REQUEST_LABEL, new Uint8Array([0]), header);
}

type Exporter = { export(context: Uint8Array, length: number): Promise<ArrayBuffer> };

/** The response's AEAD key and nonce (RFC 9458 §4.4): HKDF over the exported secret, salted with enc || response_nonce. */
async function responseKeys(suite: CipherSuite, context: Exporter, enc: Uint8Array, responseNonce: Uint8Array) {
  const secret = await context.export(RESPONSE_LABEL, Math.max(NN, NK));
  const salt = concat(enc, responseNonce);
  // HKDF(salt, secret, info, L) = Expand(Extract(salt, secret), info, L): WebCrypto's HKDF, twice.
  const key = new Uint8Array(await suite.kdf.extractAndExpand(salt, secret, KEY_LABEL, NK));
  const nonce = new Uint8Array(await suite.kdf.extractAndExpand(salt, secret, NONCE_LABEL, NN));
  return { aead: suite.aead.createEncryptionContext(key), nonce };
}

export interface ClientRequest {
  /** The Encapsulated Request to POST to the relay. */
  encRequest: Uint8Array;
  /** Opens the gateway's Encapsulated Response; throws on anything that does not authenticate. */
  openResponse(encResponse: Uint8Array): Promise<Uint8Array>;
}

/**
 * Encapsulates a binary HTTP request to the gateway's key. `ekm` (tests only): the ephemeral key
 * pair, for the RFC's test vector.
 */
export async function encapsulateRequest(config: KeyConfig, request: Uint8Array, ekm?: GatewayKey['keyPair']): Promise<ClientRequest> {
  if (!supports(config)) throw new OhttpError('the gateway offers no supported algorithm');
  const suite = newSuite();
  const header = requestHeader(config.keyId);
  const recipientPublicKey = await suite.kem.deserializePublicKey(config.publicKey);
  const sender = await suite.createSenderContext({ recipientPublicKey, info: requestInfo(header), ...(ekm ? { ekm } : {}) });
  const enc = new Uint8Array(sender.enc);
  const ct = new Uint8Array(await sender.seal(request));
  return {
    encRequest: concat(header, enc, ct),
    async openResponse(encResponse) {
      const nonceLength = Math.max(NN, NK);
      if (encResponse.length < nonceLength + suite.aead.tagSize) throw new OhttpError('response too short');
      const { aead, nonce } = await responseKeys(suite, sender, enc, encResponse.slice(0, nonceLength));
      try {
        return new Uint8Array(await aead.open(nonce, encResponse.slice(nonceLength), new Uint8Array(0)));
      } catch {
        throw new OhttpError('the response does not authenticate');
      }
    },
  };
}

export interface GatewayRequest {
  /** The decrypted binary HTTP request. */
  request: Uint8Array;
  /** Encapsulates the binary HTTP response. `responseNonce` (tests only): the RFC's fixed nonce. */
  sealResponse(response: Uint8Array, responseNonce?: Uint8Array): Promise<Uint8Array>;
}

/** Decapsulates an Encapsulated Request; a wrong key id, suite or any tampering throws OhttpError. */
export async function decapsulateRequest(key: GatewayKey, encRequest: Uint8Array): Promise<GatewayRequest> {
  if (encRequest.length < HEADER_LENGTH + NPK) throw new OhttpError('request too short');
  const header = encRequest.slice(0, HEADER_LENGTH);
  if (header[0] !== key.config.keyId) throw new OhttpError('unknown key id');
  if (u16(header, 1) !== KEM_X25519_HKDF_SHA256 || u16(header, 3) !== KDF_HKDF_SHA256 || u16(header, 5) !== AEAD_AES_128_GCM) {
    throw new OhttpError('unsupported algorithms');
  }
  const enc = encRequest.slice(HEADER_LENGTH, HEADER_LENGTH + NPK);
  const suite = newSuite();
  let request: Uint8Array;
  let recipient: Awaited<ReturnType<CipherSuite['createRecipientContext']>>;
  try {
    recipient = await suite.createRecipientContext({ recipientKey: key.keyPair, enc, info: requestInfo(header) });
    request = new Uint8Array(await recipient.open(encRequest.slice(HEADER_LENGTH + NPK)));
  } catch {
    throw new OhttpError('the request does not decrypt');
  }
  return {
    request,
    async sealResponse(response, responseNonce = crypto.getRandomValues(new Uint8Array(Math.max(NN, NK)))) {
      const { aead, nonce } = await responseKeys(suite, recipient, enc, responseNonce);
      return concat(responseNonce, new Uint8Array(await aead.seal(nonce, response, new Uint8Array(0))));
    },
  };
}

/**
 * Key consistency on the client: the first key config seen under a key id is pinned; the same id
 * with other bytes is refused (a per-person key would name its holder). A new id is pinned too
 * (rotation), since it is fetched through the relay, where the server cannot tell who asks.
 * `pins`: key id → base64 of the config. Returns the pins to keep, or null when refused.
 */
export function pinKeyConfig(pins: Record<string, string>, config: KeyConfig, encode: (bytes: Uint8Array) => string): Record<string, string> | null {
  const id = String(config.keyId);
  const bytes = encode(encodeKeyConfig(config));
  if (pins[id] !== undefined) return pins[id] === bytes ? pins : null;
  return { ...pins, [id]: bytes };
}
