/**
 * `npm run relay`: the Oblivious HTTP relay as its own process (docs/deploy.md: run by a party
 * other than the server's operator). Environment: GATEWAY_URL (required, the server's /gateway),
 * GATEWAY_KEYS_URL (default: /ohttp-keys beside it), RELAY_PORT (8090), RELAY_HOST (127.0.0.1),
 * RELAY_ALLOW_ORIGINS (the app's origins for CORS, comma-separated; default "*").
 */
import { RELAY_DEFAULTS, createRelay } from './relay';

const env = (name: string) => (process.env[name]?.trim() ? process.env[name]!.trim() : undefined);
const problems: string[] = [];
const parse = (name: string, value: string | undefined): string | undefined => {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // reported below
  }
  problems.push(`${name} must be an http(s) URL`);
  return undefined;
};
const gatewayUrl = parse('GATEWAY_URL', env('GATEWAY_URL'));
if (!env('GATEWAY_URL')) problems.push('GATEWAY_URL is required (the server\'s gateway, e.g. https://api.example.eu/gateway)');
const keysUrl = parse('GATEWAY_KEYS_URL', env('GATEWAY_KEYS_URL')) ?? (gatewayUrl ? new URL('/ohttp-keys', gatewayUrl).href : undefined);
const port = Number(env('RELAY_PORT') ?? '8090');
if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push('RELAY_PORT must be a port number');
const host = env('RELAY_HOST') ?? '127.0.0.1';
const allowOrigins = (env('RELAY_ALLOW_ORIGINS') ?? '*').split(',').map((o) => o.trim()).filter(Boolean);

if (problems.length > 0 || !gatewayUrl || !keysUrl) {
  console.error(`Invalid relay configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}

const server = createRelay({ gatewayUrl, keysUrl, allowOrigins, ...RELAY_DEFAULTS });
server.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`OHTTP relay listening on http://${host}:${actual}/ (gateway ${gatewayUrl})`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
