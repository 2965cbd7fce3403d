/** Types for verify-fast.mjs (plain JavaScript so worker threads load it without a TypeScript loader). */
import type { ProjPointType } from '@noble/curves/abstract/weierstrass';

export declare const HASH_TO_GROUP_DST: Uint8Array;
/** hash_to_curve (P384_XMD:SHA-384_SSWU_RO_) with the OPRF HashToGroup DST. */
export declare function hashToGroup(input: Uint8Array): ProjPointType<bigint>;
/** The VOPRF(P-384, SHA-384) output for `input` under `privateKey` (48 bytes), as VOPRFServer.evaluate computes it. */
export declare function evaluate(privateKey: Uint8Array, input: Uint8Array): Uint8Array;
/** Whether `authenticator` is the VOPRF output for `input` (constant-time comparison). */
export declare function verify(privateKey: Uint8Array, input: Uint8Array, authenticator: Uint8Array): boolean;
