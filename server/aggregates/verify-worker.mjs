// A token crypto worker (see verify-pool.ts). Plain JavaScript so it loads without a TypeScript
// loader. Messages: { id, op: 'verify', privateKey, input, authenticator } -> { id, value: boolean }
// and { id, op: 'issue', privateKey, publicKey, request } -> { id, value: Uint8Array (TokenResponse) };
// failures answer { id, error }.
import { parentPort } from 'node:worker_threads';
import { verify } from './verify-fast.mjs';

let issuance = null;
/** privacypass-ts on voprf-ts's noble provider, as voprf-crypto.ts sets it up in the main thread. */
function loadIssuance() {
  issuance ??= (async () => {
    const { Oprf } = await import('@cloudflare/voprf-ts');
    const { CryptoNoble } = await import('@cloudflare/voprf-ts/crypto-noble');
    Oprf.Crypto = CryptoNoble;
    const { TOKEN_TYPES, privateVerif } = await import('@cloudflare/privacypass-ts');
    TOKEN_TYPES.VOPRF.group = Oprf.getGroup(TOKEN_TYPES.VOPRF.suite);
    return { privateVerif, issuers: new Map() };
  })();
  return issuance;
}

async function issue({ privateKey, publicKey, request }) {
  const { privateVerif, issuers } = await loadIssuance();
  const id = Buffer.from(privateKey).toString('hex');
  let issuer = issuers.get(id);
  if (!issuer) {
    issuer = new privateVerif.Issuer('worker', privateKey, publicKey);
    if (issuers.size >= 1024) issuers.delete(issuers.keys().next().value);
    issuers.set(id, issuer);
  }
  const response = await issuer.issue(privateVerif.TokenRequest.deserialize(request));
  return response.serialize();
}

parentPort.on('message', async (message) => {
  try {
    const value = message.op === 'verify' ? verify(message.privateKey, message.input, message.authenticator) : await issue(message);
    parentPort.postMessage({ id: message.id, value });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
