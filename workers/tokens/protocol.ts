/**
 * The one protocol between the page and the token worker (Privacy Pass client, docs/design.md §7.2).
 * Blinding and finalizing are P-384 arithmetic (tens of ms per token), so they run off the page.
 * The worker keeps each request's blinding state between `blind` and `finalize`; the page only
 * ever holds blinded requests, evaluations and finished tokens.
 */

export interface TokenTarget {
  team: string;
  day: string;
  /** The (team, day) public key from the published list, base64url (compressed P-384 point). */
  publicKey: string;
}

export type TokenWorkerRequest =
  | { id: number; type: 'blind'; targets: TokenTarget[] }
  | { id: number; type: 'finalize'; responses: { team: string; day: string; response: string }[] };

export type TokenWorkerResponse =
  | { id: number; type: 'blinded'; requests: { team: string; day: string; request: string }[] }
  | { id: number; type: 'finalized'; tokens: { team: string; day: string; token: string }[]; failed: { team: string; day: string; reason: string }[] }
  | { id: number; type: 'error'; message: string };
