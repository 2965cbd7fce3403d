/** The gateway's HPKE key: from OHTTP_KEY_SEED, or (development) derived from the token master secret. */
import { hkdfSync } from 'node:crypto';
import { gatewayKeyFromSeed, type GatewayKey } from '../../src/core/ohttp';
import { parseMasterSecret } from '../aggregates/keys';
import type { OhttpConfig } from '../config';

export async function gatewayKey(config: OhttpConfig, masterSecret: Uint8Array): Promise<GatewayKey> {
  // A development server keeps its key across restarts (the clients pin it) without one more secret.
  const seed = config.keySeed
    ? parseMasterSecret(config.keySeed)
    : new Uint8Array(hkdfSync('sha256', masterSecret, Buffer.alloc(0), Buffer.from('microbreak ohttp gateway key seed'), 32));
  return gatewayKeyFromSeed(config.keyId, seed);
}
