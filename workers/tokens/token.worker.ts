/// <reference lib="webworker" />
/** Privacy Pass client in a worker: blinds token requests and finalizes (and checks) the answers. */
import './voprf-crypto';
import { TOKEN_TYPES, TokenChallenge, privateVerif } from '@cloudflare/privacypass-ts';
import { TOKEN_ISSUER_NAME, challengeContext } from '../../src/core/aggregates';
import type { TokenWorkerRequest, TokenWorkerReply } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const fromB64 = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const toB64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Blinding state by `team|day`, from `blind` until `finalize`. */
const pending = new Map<string, privateVerif.Client>();

async function challenge(team: string, day: string): Promise<TokenChallenge> {
  const context = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(challengeContext(team, day))));
  return new TokenChallenge(TOKEN_TYPES.VOPRF.value, TOKEN_ISSUER_NAME, context);
}

async function handle(message: TokenWorkerRequest): Promise<TokenWorkerReply> {
  if (message.type === 'blind') {
    pending.clear();
    const requests = [];
    for (const { team, day, publicKey } of message.targets) {
      const client = new privateVerif.Client();
      const request = await client.createTokenRequest(await challenge(team, day), fromB64(publicKey));
      pending.set(`${team}|${day}`, client);
      requests.push({ team, day, request: toB64(request.serialize()) });
    }
    return { id: message.id, type: 'blinded', requests };
  }
  const tokens = [];
  const failed = [];
  for (const { team, day, response } of message.responses) {
    const client = pending.get(`${team}|${day}`);
    pending.delete(`${team}|${day}`);
    if (!client) {
      failed.push({ team, day, reason: 'no request was made for this team and day' });
      continue;
    }
    try {
      // finalize checks the issuer's DLEQ proof against the published key: a response made with
      // any other (e.g. personal) key is refused here.
      const token = await client.finalize(client.deserializeTokenResponse(fromB64(response)));
      tokens.push({ team, day, token: toB64(token.serialize()) });
    } catch (error) {
      failed.push({ team, day, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { id: message.id, type: 'finalized', tokens, failed };
}

self.onmessage = (event: MessageEvent<TokenWorkerRequest>) => {
  handle(event.data).then(
    (reply) => self.postMessage(reply),
    (error: unknown) => self.postMessage({ id: event.data.id, type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies TokenWorkerReply),
  );
};
