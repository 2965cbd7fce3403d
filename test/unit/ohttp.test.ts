/** OHTTP framing (src/core/ohttp): RFC 9458 Appendix A, round trips and refusals. */
import { Aes128Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { describe, expect, it } from 'vitest';
import {
  OhttpError,
  decapsulateRequest,
  decodeKeyConfig,
  decodeKeys,
  encapsulateRequest,
  encodeKeyConfig,
  encodeKeys,
  gatewayKeyFromSeed,
  pinKeyConfig,
  type GatewayKey,
} from '../../src/core/ohttp';

const hex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// RFC 9458 Appendix A.
const A = {
  skR: '3c168975674b2fa8e465970b79c8dcf09f1c741626480bd4c6162fc5b6a98e1a',
  keyConfig: '01002031e1f05a740102115220e9af918f738674aec95f54db6e04eb705aae8e79815500080001000100010003',
  request: '00034745540568747470730b6578616d706c652e636f6d012f',
  skE: 'bc51d5e930bda26589890ac7032f70ad12e4ecb37abb1b65b1256c9c48999c73',
  pkE: '4b28f881333e7c164ffc499ad9796f877f4e1051ee6d31bad19dec96c208b472',
  encRequest:
    '010020000100014b28f881333e7c164ffc499ad9796f877f4e1051ee6d31bad19dec96c208b4726374e469135906992e1268c594d2a10c695d858c40a026e7965e7d86b83dd440b2c0185204b4d63525',
  response: '0140c8',
  responseNonce: 'c789e7151fcba46158ca84b04464910d',
  encResponse: 'c789e7151fcba46158ca84b04464910d86f9013e404feea014e7be4a441f234f857fbd',
};

const kem = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes128Gcm() }).kem;

async function rfcGatewayKey(): Promise<GatewayKey> {
  const config = decodeKeyConfig(hex(A.keyConfig));
  return { config, keyPair: { privateKey: await kem.deserializePrivateKey(hex(A.skR)), publicKey: await kem.deserializePublicKey(config.publicKey) } };
}

const seed = (byte: number) => new Uint8Array(32).fill(byte);

describe('OHTTP framing (RFC 9458)', () => {
  it('reproduces the test vector of Appendix A, byte for byte', async () => {
    const config = decodeKeyConfig(hex(A.keyConfig));
    expect(config.keyId).toBe(1);
    expect(config.kemId).toBe(0x20);
    expect(config.algorithms).toEqual([{ kdfId: 1, aeadId: 1 }, { kdfId: 1, aeadId: 3 }]);
    expect(toHex(encodeKeyConfig(config))).toBe(A.keyConfig);

    const ekm = { privateKey: await kem.deserializePrivateKey(hex(A.skE)), publicKey: await kem.deserializePublicKey(hex(A.pkE)) };
    const client = await encapsulateRequest(config, hex(A.request), ekm);
    expect(toHex(client.encRequest)).toBe(A.encRequest);

    const gateway = await decapsulateRequest(await rfcGatewayKey(), hex(A.encRequest));
    expect(toHex(gateway.request)).toBe(A.request);
    const encResponse = await gateway.sealResponse(hex(A.response), hex(A.responseNonce));
    expect(toHex(encResponse)).toBe(A.encResponse);
    expect(toHex(await client.openResponse(hex(A.encResponse)))).toBe(A.response);
  });

  it('round trip with a derived key; each request and response is fresh', async () => {
    const key = await gatewayKeyFromSeed(7, seed(1));
    expect((await gatewayKeyFromSeed(7, seed(1))).config.publicKey).toEqual(key.config.publicKey);
    expect((await gatewayKeyFromSeed(7, seed(2))).config.publicKey).not.toEqual(key.config.publicKey);
    const [config] = decodeKeys(encodeKeys([key.config]));
    expect(config).toEqual(key.config);
    const body = new TextEncoder().encode('hello gateway');
    const a = await encapsulateRequest(config, body);
    const b = await encapsulateRequest(config, body);
    expect(a.encRequest).not.toEqual(b.encRequest);
    expect(a.encRequest.length).toBe(7 + 32 + body.length + 16);
    const gateway = await decapsulateRequest(key, a.encRequest);
    expect(new TextDecoder().decode(gateway.request)).toBe('hello gateway');
    const reply = await gateway.sealResponse(new TextEncoder().encode('hello client'));
    expect(new TextDecoder().decode(await a.openResponse(reply))).toBe('hello client');
    // A response sealed for one request does not open for another.
    await expect(b.openResponse(reply)).rejects.toThrow(OhttpError);
  });

  it('refuses a tampered request or response, a wrong key id, another key and an unknown suite', async () => {
    const key = await gatewayKeyFromSeed(7, seed(3));
    const client = await encapsulateRequest(key.config, new Uint8Array([1, 2, 3]));
    for (const at of [7, 20, client.encRequest.length - 1]) {
      const tampered = client.encRequest.slice();
      tampered[at] ^= 1;
      await expect(decapsulateRequest(key, tampered)).rejects.toThrow(OhttpError);
    }
    const wrongId = client.encRequest.slice();
    wrongId[0] = 8;
    await expect(decapsulateRequest(key, wrongId)).rejects.toThrow('unknown key id');
    const otherSuite = client.encRequest.slice();
    otherSuite[6] = 3;
    await expect(decapsulateRequest(key, otherSuite)).rejects.toThrow('unsupported algorithms');
    await expect(decapsulateRequest(await gatewayKeyFromSeed(7, seed(4)), client.encRequest)).rejects.toThrow(OhttpError);
    await expect(decapsulateRequest(key, client.encRequest.slice(0, 30))).rejects.toThrow(OhttpError);

    const gateway = await decapsulateRequest(key, client.encRequest);
    const reply = await gateway.sealResponse(new Uint8Array([9]));
    for (const at of [0, 16, reply.length - 1]) {
      const tampered = reply.slice();
      tampered[at] ^= 1;
      await expect(client.openResponse(tampered)).rejects.toThrow(OhttpError);
    }
    await expect(encapsulateRequest({ ...key.config, algorithms: [{ kdfId: 1, aeadId: 3 }] }, new Uint8Array(1))).rejects.toThrow(OhttpError);
    expect(() => decodeKeys(new Uint8Array([0, 40, 1]))).toThrow(OhttpError);
  });

  it('the client pins the key config per key id: the same id with another key is refused, a new id is kept', async () => {
    const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
    const first = (await gatewayKeyFromSeed(1, seed(5))).config;
    const pins = pinKeyConfig({}, first, b64)!;
    expect(Object.keys(pins)).toEqual(['1']);
    expect(pinKeyConfig(pins, first, b64)).toBe(pins);
    // A per-person key under the known id: refused.
    expect(pinKeyConfig(pins, (await gatewayKeyFromSeed(1, seed(6))).config, b64)).toBe(null);
    // Rotation: a new id with a new key.
    const rotated = pinKeyConfig(pins, (await gatewayKeyFromSeed(2, seed(6))).config, b64)!;
    expect(Object.keys(rotated).sort()).toEqual(['1', '2']);
  });
});
