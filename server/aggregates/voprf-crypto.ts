/**
 * Switches voprf-ts (the VOPRF engine under @cloudflare/privacypass-ts) from its default sjcl
 * provider to its @noble/curves provider: ~4x faster (issue+finalize ~130 ms instead of ~510 ms,
 * verify ~15 ms instead of ~64 ms on the reference 2-core machine). Same group, same encodings,
 * same outputs: only the big-number arithmetic changes.
 *
 * Import this module (for its side effect) before using privacypass-ts anywhere in the server;
 * keys.ts does, so every key ring, issuer and verifier sees it.
 *
 * Why the re-pointing below: privacypass-ts computes `VOPRF.group = Oprf.getGroup(...)` once, when
 * it is evaluated, and uses that group to deserialize points in Issuer.issue and Client.finalize,
 * while VOPRFServer/VOPRFClient pick the provider configured when they are constructed. ES modules
 * evaluate a module's imports before its body, so privacypass-ts may well have been evaluated (with
 * sjcl) before this body runs (a test importing privacypass-ts first, or this very file); mixing an
 * sjcl point with a noble scalar then fails ("ProjectivePoint expected"). Setting the provider and
 * then re-pointing `VOPRF.group` makes the order irrelevant. Both packages resolve to one voprf-ts
 * instance (privacypass-ts is ESM-only and imports voprf-ts's ESM build, as do our ESM modules
 * under tsx and vitest); the check at the end fails loudly at start-up if that ever stops holding.
 */
import { Oprf } from '@cloudflare/voprf-ts';
import { CryptoNoble } from '@cloudflare/voprf-ts/crypto-noble';
import { TOKEN_TYPES, privateVerif } from '@cloudflare/privacypass-ts';

Oprf.Crypto = CryptoNoble;
const voprf = TOKEN_TYPES.VOPRF as { group: unknown; suite: typeof Oprf.Suite.P384_SHA384 };
voprf.group = Oprf.getGroup(voprf.suite);

// A server built by privacypass-ts must use the provider set here (same voprf-ts instance).
const probe = new privateVerif.Issuer('probe', new Uint8Array(48).fill(1), new Uint8Array(49)) as unknown as { vServer: { crypto: unknown } };
if (probe.vServer.crypto !== CryptoNoble || !(voprf.group instanceof (CryptoNoble.Group as unknown as abstract new () => unknown))) {
  throw new Error('voprf-ts: privacypass-ts and the server load different copies of @cloudflare/voprf-ts; the noble provider could not be set');
}

/** The provider in use ("noble"), for diagnostics and the benchmark. */
export const VOPRF_PROVIDER: string = Oprf.Crypto.id;
