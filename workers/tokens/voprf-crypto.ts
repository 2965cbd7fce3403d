/**
 * Selects voprf-ts's @noble/curves provider (about 4x faster than its sjcl default here). Must be
 * evaluated before @cloudflare/privacypass-ts, which builds its P-384 group at module load: import
 * this module first.
 */
import { Oprf } from '@cloudflare/voprf-ts';
import { CryptoNoble } from '@cloudflare/voprf-ts/crypto-noble';

Oprf.Crypto = CryptoNoble;
