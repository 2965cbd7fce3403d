/**
 * The one protocol between the page and the token worker (Privacy Pass client, docs/design.md §7.2).
 * Blinding and finalizing are P-384 arithmetic (tens of ms per token), so they run off the page.
 * The worker keeps each request's blinding state between `blind` and `finalize`; the page only
 * ever holds blinded requests, evaluations and finished tokens. Every request carries an id its
 * reply repeats; the page gives up on a request after REQUEST_TIMEOUT_MS.
 */

type Item = { team: string; day: string };

export interface TokenTarget extends Item {
  /** The (team, day) public key from the published list, base64url (compressed P-384 point). */
  publicKey: string;
}

export type TokenWorkerRequest =
  | { id: number; type: 'blind'; targets: TokenTarget[] }
  | { id: number; type: 'finalize'; responses: (Item & { response: string })[] };

export type Blinded = { id: number; type: 'blinded'; requests: (Item & { request: string })[] };
export type Finalized = { id: number; type: 'finalized'; tokens: (Item & { token: string })[]; failed: (Item & { reason: string })[] };
export type TokenWorkerReply = Blinded | Finalized | { id: number; type: 'error'; message: string };

/** Blinding or finalizing a full batch takes seconds; a worker silent for this long (awake) is dead. */
export const REQUEST_TIMEOUT_MS = 120_000;
