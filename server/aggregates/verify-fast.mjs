// Privacy Pass type 0x0001 (VOPRF(P-384, SHA-384), RFC 9497 / RFC 9578) token verification,
// computing exactly what voprf-ts's VOPRFServer.verifyFinalize computes, but ~2x faster.
//
// Plain JavaScript (with verify-fast.d.mts for TypeScript) so that worker threads can load it
// without a TypeScript loader under tsx, vitest and plain Node alike (verify-worker.mjs).
//
// The library computes, for input = the serialized AuthenticatorInput and secret key k:
//   P = HashToGroup(input)         (hash_to_curve P384_XMD:SHA-384_SSWU_RO_, DST below)
//   Q = k * P                       (a constant-time-ish scalar multiplication in JS: ~14 ms)
//   output = SHA-384(u16(len input) || input || u16(49) || compressed(Q) || "Finalize")
// and accepts the token when its authenticator equals the output (constant-time comparison).
//
// Here k * P is computed by OpenSSL's constant-time ECDH (node:crypto, ~2.8 ms), which returns
// only the x-coordinate of Q. compressed(Q) also needs the parity of Q's y, which x alone cannot
// give (Q and -Q share it). A second ECDH with P + G yields x(Q + K), K = k * G the public key:
// of the two candidates ±Q (from decompressing x), exactly one satisfies x(±Q + K) = x(Q + K)
// (both would mean 2Q = 0 or 2K = 0, impossible in a group of prime order). That is checked with
// the affine addition formula without any inversion. So the output is the library's output, bit
// for bit, never a "±" approximation: a token whose authenticator was made with -Q is refused,
// as the library refuses it. Degenerate cases (P = ±G, probability ~2^-384) fall back to the
// library's arithmetic.
//
// hash_to_curve (RFC 9380, P384_XMD:SHA-384_SSWU_RO_) uses @noble/curves's hash_to_field, as the
// library does, and the simplified SWU map with its square roots taken by OpenSSL point
// decompression (~0.1 ms instead of ~0.4 ms per root). A test checks it against noble's
// hashToCurve, the function voprf-ts calls.
import { ECDH, createECDH, createHash, timingSafeEqual } from 'node:crypto';
import { hash_to_field } from '@noble/curves/abstract/hash-to-curve';
import { p384 } from '@noble/curves/p384';
import { sha384 } from '@noble/hashes/sha512';

const Point = p384.ProjectivePoint;
const FIELD = p384.CURVE.Fp.ORDER;
/** HashToGroup-OPRFV1-\x01-P384-SHA384 (mode 1 = VOPRF). */
export const HASH_TO_GROUP_DST = new Uint8Array(Buffer.concat([Buffer.from('HashToGroup-OPRFV1-'), Buffer.from([1]), Buffer.from('-P384-SHA384')]));
const FINALIZE = Buffer.from('Finalize');
const ELEMENT_BYTES = 49;
const OUTPUT_BYTES = 48;

const mod = (a) => {
  const r = a % FIELD;
  return r < 0n ? r + FIELD : r;
};
const big = (bytes) => BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
const fieldBytes = (n) => Buffer.from(n.toString(16).padStart(96, '0'), 'hex');

// Simplified SWU for P-384 (RFC 9380 §6.6.2, §8.3): A = -3, B = b, Z = -12.
const A = mod(-3n);
const B = p384.CURVE.b;
const Z = mod(-12n);
const Fp = p384.CURVE.Fp;
const MINUS_B_OVER_A = mod(-B * Fp.inv(A));
const B_OVER_ZA = mod(B * Fp.inv(mod(Z * A)));
const H2F = { DST: HASH_TO_GROUP_DST, p: FIELD, m: 1, k: 192, expand: 'xmd', hash: sha384 };

/** The point with x-coordinate `x` and y of parity `odd`, or null when x is not on the curve (OpenSSL square root). */
function lift(x, odd) {
  try {
    const bytes = ECDH.convertKey(Buffer.concat([Buffer.from([odd ? 3 : 2]), fieldBytes(x)]), 'secp384r1', undefined, undefined, 'uncompressed');
    return Point.fromAffine({ x, y: big(bytes.subarray(49, 97)) });
  } catch {
    return null;
  }
}

function mapToCurve(u) {
  const u2 = mod(u * u);
  const zu2 = mod(Z * u2);
  const denominator = mod(zu2 * zu2 + zu2);
  const x1 = denominator === 0n ? B_OVER_ZA : mod(MINUS_B_OVER_A * (1n + Fp.inv(denominator)));
  // sgn0(y) must equal sgn0(u): the parity of the compressed encoding. gx1 or gx2 is a square.
  const odd = (u & 1n) === 1n;
  const point = lift(x1, odd) ?? lift(mod(zu2 * x1), odd);
  if (!point) throw new Error('hash_to_curve: neither candidate is on the curve');
  return point;
}

/** hash_to_curve(msg) with the OPRF HashToGroup DST: a ProjectivePoint. */
export function hashToGroup(input) {
  const [[u0], [u1]] = hash_to_field(input, 2, H2F);
  return mapToCurve(u0).add(mapToCurve(u1));
}

/** Per private key: an ECDH object holding k, and K = k * G in affine coordinates. */
const keyStates = new Map();
const MAX_KEYS = 4096;

function keyState(privateKey) {
  const id = Buffer.from(privateKey).toString('hex');
  let state = keyStates.get(id);
  if (state) return state;
  const ecdh = createECDH('secp384r1');
  ecdh.setPrivateKey(privateKey);
  const K = ecdh.getPublicKey(null, 'uncompressed');
  state = { ecdh, scalar: big(privateKey), Kx: big(K.subarray(1, 49)), Ky: big(K.subarray(49, 97)) };
  if (keyStates.size >= MAX_KEYS) keyStates.delete(keyStates.keys().next().value);
  keyStates.set(id, state);
  return state;
}

/** Whether x((x1, y1) + (x2, y2)) = x3, for x1 != x2: (y2 - y1)^2 = (x3 + x1 + x2) (x2 - x1)^2. */
function sumHasX(x1, y1, x2, y2, x3) {
  const dy = mod(y2 - y1);
  const dx = mod(x2 - x1);
  return mod(dy * dy) === mod(mod(x3 + x1 + x2) * mod(dx * dx));
}

/** compressed(k * P), the library's way (fallback for degenerate points). */
function slowCompressed(P, scalar) {
  return P.multiply(scalar).toRawBytes(true);
}

/** compressed(k * P) with two OpenSSL ECDH operations. */
function compressedProduct(P, state) {
  const S = P.add(Point.BASE);
  if (S.equals(Point.ZERO)) return slowCompressed(P, state.scalar);
  const xQ = state.ecdh.computeSecret(P.toRawBytes(false));
  const xR = big(state.ecdh.computeSecret(S.toRawBytes(false)));
  const lifted = ECDH.convertKey(Buffer.concat([Buffer.from([2]), xQ]), 'secp384r1', undefined, undefined, 'uncompressed');
  const x1 = big(xQ);
  if (x1 === state.Kx) return slowCompressed(P, state.scalar);
  const yEven = big(lifted.subarray(49, 97));
  const even = sumHasX(x1, yEven, state.Kx, state.Ky, xR);
  const odd = sumHasX(x1, FIELD - yEven, state.Kx, state.Ky, xR);
  if (even === odd) return slowCompressed(P, state.scalar); // cannot happen in a prime-order group
  return Buffer.concat([Buffer.from([even ? 2 : 3]), xQ]);
}

function u16(n) {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

/** The VOPRF output for `input` under `privateKey` (48 bytes), as VOPRFServer.evaluate computes it. */
export function evaluate(privateKey, input) {
  const state = keyState(privateKey);
  const P = hashToGroup(input);
  if (P.equals(Point.ZERO)) throw new Error('InvalidInputError');
  const element = compressedProduct(P, state);
  if (element.length !== ELEMENT_BYTES) throw new Error('unexpected element size');
  return new Uint8Array(createHash('sha384').update(u16(input.length)).update(input).update(u16(ELEMENT_BYTES)).update(element).update(FINALIZE).digest());
}

/** Whether `authenticator` is the VOPRF output for `input` (constant-time comparison). */
export function verify(privateKey, input, authenticator) {
  if (authenticator.length !== OUTPUT_BYTES) return false;
  return timingSafeEqual(evaluate(privateKey, input), authenticator);
}
