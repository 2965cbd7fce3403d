/**
 * The endpoint metadata, `/.well-known/microbreak-endpoint.json` (docs/aggregates.md §2): who runs
 * the server, where, and the relay for anonymous requests. The operator configures the statement;
 * the server adds `eea`, `apiVersion` and `ohttp`; the page sends nothing unless it names the EU/EEA.
 */
import { Type, type Static } from 'typebox';

/** What the operator states (server configuration); the page refuses metadata without it. */
export const EndpointStatement = Type.Object({
  operator: Type.String(),
  /** "EU" or an ISO 3166-1 alpha-2 country code. */
  jurisdiction: Type.String(),
  /** Hosting region, e.g. "swedencentral". */
  region: Type.String(),
});
export type EndpointStatement = Static<typeof EndpointStatement>;

/** An Oblivious HTTP relay (run by another party) for anonymous requests, and its key config URL. */
export const OhttpRoute = Type.Object({ relay: Type.String(), keys: Type.String() });
export type OhttpRoute = Static<typeof OhttpRoute>;

export const EndpointMetadata = Type.Object({
  ...EndpointStatement.properties,
  eea: Type.Boolean(),
  apiVersion: Type.Integer(),
  ohttp: Type.Optional(OhttpRoute),
});
export type EndpointMetadata = Static<typeof EndpointMetadata>;
