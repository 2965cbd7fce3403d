/**
 * Published endpoint metadata: who operates this server and under which jurisdiction and region.
 * The app refuses to upload to an endpoint outside the EU/EEA.
 */
import type { FastifyInstance } from 'fastify';
import { isEeaJurisdiction, type EndpointMetadata } from '../config';

export const METADATA_PATH = '/.well-known/microbreak-endpoint.json';

const schema = {
  response: {
    200: {
      type: 'object',
      required: ['operator', 'jurisdiction', 'region', 'eea', 'apiVersion'],
      properties: {
        operator: { type: 'string' },
        jurisdiction: { type: 'string' },
        region: { type: 'string' },
        eea: { type: 'boolean' },
        apiVersion: { type: 'integer' },
        ohttp: {
          type: 'object',
          required: ['relay', 'keys'],
          properties: { relay: { type: 'string' }, keys: { type: 'string' } },
        },
      },
    },
  },
} as const;

/** `ohttp`: where clients send anonymous requests (an Oblivious HTTP relay run by another party) and fetch the gateway's key. */
export function metadataRoutes(paths: string[], metadata: EndpointMetadata, ohttp?: { relay: string; keys: string }) {
  const body = { ...metadata, eea: isEeaJurisdiction(metadata.jurisdiction), apiVersion: 1, ...(ohttp ? { ohttp } : {}) };
  return async function register(app: FastifyInstance): Promise<void> {
    for (const url of paths) {
      app.get(url, { schema }, async (_request, reply) => {
        reply.header('Cache-Control', 'public, max-age=3600');
        reply.header('Access-Control-Allow-Origin', '*');
        return body;
      });
    }
  };
}
