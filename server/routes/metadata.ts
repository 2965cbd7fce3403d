/**
 * Published endpoint metadata (core/api/metadata.ts): who operates this server and under which
 * jurisdiction and region. The app refuses to upload to an endpoint outside the EU/EEA.
 */
import type { FastifyInstance } from 'fastify';
import { isEeaJurisdiction } from '../../src/core/aggregates/endpoint';
import { EndpointMetadata, type EndpointStatement, type OhttpRoute } from '../../src/core/api/metadata';

export const METADATA_PATH = '/.well-known/microbreak-endpoint.json';

/** `ohttp`: where clients send anonymous requests (an Oblivious HTTP relay run by another party) and fetch the gateway's key. */
export function metadataRoutes(paths: string[], statement: EndpointStatement, ohttp?: OhttpRoute) {
  const body: EndpointMetadata = { ...statement, eea: isEeaJurisdiction(statement.jurisdiction), apiVersion: 1, ...(ohttp ? { ohttp } : {}) };
  return async function register(app: FastifyInstance): Promise<void> {
    for (const url of paths) {
      app.get(url, { schema: { response: { 200: EndpointMetadata } } }, async (_request, reply) => {
        reply.header('Cache-Control', 'public, max-age=3600');
        reply.header('Access-Control-Allow-Origin', '*');
        return body;
      });
    }
  };
}
