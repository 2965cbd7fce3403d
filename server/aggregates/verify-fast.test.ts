/**
 * The token cryptography the server uses instead of calling privacypass-ts directly: the noble
 * provider (voprf-crypto.ts), the fast verification (verify-fast.mjs) and the worker pool
 * (verify-pool.ts), each checked against the library itself.
 */
import { createECDH, createHash, randomBytes } from 'node:crypto';
import { Token, TOKEN_TYPES, privateVerif } from '@cloudflare/privacypass-ts';
import { Oprf, VOPRFServer } from '@cloudflare/voprf-ts';
import { hashToCurve, p384 } from '@noble/curves/p384';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyRing, tokenChallenge, type IssuerKey } from './keys';
import { HASH_TO_GROUP_DST, evaluate, hashToGroup as fastHashToGroup, verify } from './verify-fast.mjs';
import { createTokenCrypto, inlineTokenCrypto } from './verify-pool';
import { VOPRF_PROVIDER } from './voprf-crypto';

const ring = createKeyRing(new Uint8Array(32).fill(7));
const keyA = ring.key('TeamAAAAAAAAAAAAAAAAAA', '2026-11-20');
const keyB = ring.key('TeamBBBBBBBBBBBBBBBBBB', '2026-11-20');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
/** HashToGroup(input) as a typed noble point. */
const hashToGroup = (input: Uint8Array) => p384.ProjectivePoint.fromAffine(hashToCurve(input, { DST: HASH_TO_GROUP_DST }).toAffine());

async function makeToken(key: IssuerKey): Promise<Token> {
  const client = new privateVerif.Client();
  const request = await client.createTokenRequest(tokenChallenge(key.team, key.day), key.publicKey);
  return client.finalize(await key.issuer.issue(request));
}

/** A copy of `token` with one bit of its serialization flipped at `offset`. */
function flipped(token: Token, offset: number): Token {
  const bytes = token.serialize();
  bytes[offset] ^= 0x01;
  return Token.deserialize(TOKEN_TYPES.VOPRF, bytes);
}

const fast = (key: IssuerKey, token: Token) => verify(key.privateKey, token.authInput.serialize(), token.authenticator);

describe('voprf-ts provider', () => {
  it('is noble, also for the group privacypass-ts captured when it loaded', () => {
    expect(VOPRF_PROVIDER).toBe('noble');
    expect(Oprf.Crypto.id).toBe('noble');
    expect(TOKEN_TYPES.VOPRF.group).toBeInstanceOf(Oprf.Crypto.Group as unknown as abstract new () => unknown);
  });

  it('issues tokens that finalize and verify; tampered tokens fail', async () => {
    const token = await makeToken(keyA);
    expect(await keyA.issuer.verify(token)).toBe(true);
    expect(await privateVerif.verifyToken(token, keyA.privateKey)).toBe(true);
    expect(await keyB.issuer.verify(token)).toBe(false);
    const length = token.serialize().length;
    for (const offset of [2, 40, 70, 100, length - 1]) expect(await keyA.issuer.verify(flipped(token, offset)), `offset ${offset}`).toBe(false);
  });
});

describe('fast verification (verify-fast.mjs)', () => {
  it('hashes to the curve exactly as noble hashToCurve (which voprf-ts uses) does', () => {
    for (let i = 0; i < 300; i++) {
      const input = new Uint8Array(randomBytes(i % 130));
      expect(hex(fastHashToGroup(input).toRawBytes(false)), `input ${hex(input)}`).toBe(hex(hashToGroup(input).toRawBytes(false)));
    }
  });

  it('computes the VOPRF output bit for bit as VOPRFServer.evaluate does', async () => {
    const parities = new Set<number>();
    for (const key of [keyA, keyB]) {
      const server = new VOPRFServer(TOKEN_TYPES.VOPRF.suite, key.privateKey);
      for (let i = 0; i < 16; i++) {
        const input = new Uint8Array(randomBytes(98));
        expect(hex(evaluate(key.privateKey, input))).toBe(hex(await server.evaluate(input)));
        const Q = hashToGroup(input).multiply(BigInt(`0x${hex(key.privateKey)}`));
        parities.add(Q.toRawBytes(true)[0]);
      }
    }
    // Both y parities were exercised (probability of missing one: 2^-31).
    expect([...parities].sort()).toEqual([2, 3]);
  });

  it('keeps leading zero bytes of k*P (fixed-width encodings)', async () => {
    const server = new VOPRFServer(TOKEN_TYPES.VOPRF.suite, keyA.privateKey);
    const ecdh = createECDH('secp384r1');
    ecdh.setPrivateKey(keyA.privateKey);
    let input: Uint8Array | null = null;
    // About 1 input in 256 gives an x-coordinate starting with a zero byte.
    for (let i = 0; i < 4000 && !input; i++) {
      const candidate = new Uint8Array(randomBytes(98));
      if (ecdh.computeSecret(fastHashToGroup(candidate).toRawBytes(false))[0] === 0) input = candidate;
    }
    expect(input).not.toBeNull();
    expect(hex(evaluate(keyA.privateKey, input as Uint8Array))).toBe(hex(await server.evaluate(input as Uint8Array)));
  });

  it('agrees with issuer.verify on valid and tampered tokens', async () => {
    const tokens = [await makeToken(keyA), await makeToken(keyA), await makeToken(keyB)];
    const cases: [IssuerKey, Token][] = [];
    for (const token of tokens) {
      const own = token.authInput.tokenKeyId.every((b, i) => b === keyA.keyId[i]) ? keyA : keyB;
      const other = own === keyA ? keyB : keyA;
      cases.push([own, token], [other, token]);
      const length = token.serialize().length;
      // Nonce, challenge digest, key id, authenticator (a flipped token type does not parse).
      for (const offset of [2, 33, 34, 66, 67, 98, 99, 120, length - 1]) cases.push([own, flipped(token, offset)]);
    }
    let accepted = 0;
    for (const [key, token] of cases) {
      const expected = await key.issuer.verify(token);
      expect(fast(key, token)).toBe(expected);
      if (expected) accepted += 1;
    }
    expect(accepted).toBe(3);
  });

  it('refuses an authenticator made with -kP, as the library does (no sign ambiguity)', async () => {
    const token = await makeToken(keyA);
    const input = token.authInput.serialize();
    const Q = hashToGroup(input).multiply(BigInt(`0x${hex(keyA.privateKey)}`));
    const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
    const output = (element: Uint8Array) =>
      new Uint8Array(createHash('sha384').update(u16(input.length)).update(input).update(u16(49)).update(element).update('Finalize').digest());
    expect(hex(output(Q.toRawBytes(true)))).toBe(hex(token.authenticator));
    const negated = output(Q.negate().toRawBytes(true));
    expect(verify(keyA.privateKey, input, negated)).toBe(false);
    expect(await keyA.issuer.verify(new Token(TOKEN_TYPES.VOPRF, token.authInput, negated))).toBe(false);
    expect(verify(keyA.privateKey, input, token.authenticator.subarray(0, 47))).toBe(false);
  });
});

describe('token crypto pool', () => {
  const pool = createTokenCrypto(2);
  afterAll(() => pool.close());

  for (const [name, crypto] of [
    ['worker pool', pool],
    ['inline', inlineTokenCrypto()],
  ] as const) {
    it(`${name}: issues evaluations the client finalizes, and verifies like the library`, async () => {
      const clients = await Promise.all(
        [keyA, keyB, keyA].map(async (key) => {
          const client = new privateVerif.Client();
          const request = await client.createTokenRequest(tokenChallenge(key.team, key.day), key.publicKey);
          return { key, client, request };
        }),
      );
      const responses = await Promise.all(clients.map(({ key, request }) => crypto.issue(key.privateKey, key.publicKey, request.serialize())));
      const tokens = await Promise.all(clients.map(({ client }, i) => client.finalize(client.deserializeTokenResponse(responses[i]))));
      const checks = await Promise.all(
        tokens.flatMap((token, i) => [
          crypto.verify(clients[i].key.privateKey, token.authInput.serialize(), token.authenticator),
          crypto.verify(clients[i].key.privateKey, token.authInput.serialize(), flipped(token, token.serialize().length - 1).authenticator),
          crypto.verify((clients[i].key === keyA ? keyB : keyA).privateKey, token.authInput.serialize(), token.authenticator),
        ]),
      );
      expect(checks).toEqual([true, false, false, true, false, false, true, false, false]);
      for (const [i, token] of tokens.entries()) expect(await clients[i].key.issuer.verify(token)).toBe(true);
      // A request that is not a point is refused.
      const bad = clients[0].request.serialize();
      bad[3] = 0x07;
      await expect(crypto.issue(keyA.privateKey, keyA.publicKey, bad)).rejects.toThrow();
    });
  }

  it('is closed cleanly and refuses work afterwards', async () => {
    const other = createTokenCrypto(1);
    const token = await makeToken(keyB);
    expect(await other.verify(keyB.privateKey, token.authInput.serialize(), token.authenticator)).toBe(true);
    await other.close();
    await expect(other.verify(keyB.privateKey, token.authInput.serialize(), token.authenticator)).rejects.toThrow(/closed/);
  });
});
