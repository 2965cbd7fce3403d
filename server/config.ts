/**
 * Server configuration, read from the environment once at start and validated. Every problem is
 * collected and reported together; `main.ts` prints them and exits non-zero.
 */
import { SIGN_IN_PROVIDER_IDS, type SignInProviderId } from '../src/core/api/sign-in-config';
import type { EndpointStatement } from '../src/core/api/metadata';
import { DEFAULT_NOISE_SCALES, parseNoiseScales, type NoiseScales } from './aggregates/noise';

export type Database =
  | { kind: 'postgres'; url: string }
  /** `dataDir` null: in memory (tests, or DATA_DIR=memory). */
  | { kind: 'pglite'; dataDir: string | null };

export interface AuthConfig {
  /** Exact `iss` of the access tokens. */
  issuer: string;
  /** Expected `aud` (our API's application id URI or client id). */
  audience: string;
  /** JWKS URL; null: found through `${issuer}/.well-known/openid-configuration`. */
  jwksUri: string | null;
  /** Scope that must appear in `scp` or `scope`. */
  requiredScope: string;
  algorithms: string[];
  clockToleranceSeconds: number;
  /**
   * OIDC_ALLOWED_TENANTS: identity-provider tenants whose accounts may sign in, matched against the
   * token's `tid` claim (Entra tenant id); a token without `tid` is refused. null: any tenant
   * (development only; production requires the list, `*` being an explicit "any").
   */
  allowedTenants?: string[] | null;
}

/** How the app signs people in; the browser learns it from GET /api/client-config. */
export type SignInSettings =
  /** DEV_SIGN_IN=off and no OIDC_ISSUER: the app works signed out only. */
  | { kind: 'none' }
  /** No OIDC_ISSUER: the built-in development sign-in (server/dev-idp) with test users. */
  | { kind: 'dev'; port: number; stateDir: string; accessTokenTtlSeconds: number }
  /** A real tenant (Entra External ID); `client` is null when SIGN_IN_CLIENT_ID is not set. */
  | { kind: 'tenant'; client: TenantClientSettings | null };

export interface TenantClientSettings {
  clientId: string;
  authority: string;
  knownAuthorities: string[];
  protocolMode: 'AAD' | 'OIDC';
  scopes: string[];
  /** Provider buttons in order, each with the domain_hint that sends the user straight to it. */
  providers: Array<{ id: SignInProviderId; domainHint: string | null }>;
  /** Extra origins the page may connect to during sign-in (CSP connect-src). */
  connectOrigins: string[];
}

/**
 * Default domain hints on an Entra External ID tenant. Google's is case-sensitive "Google";
 * Apple's and your workforce tenant's depend on how the federation was set up (verify them).
 */
export const DEFAULT_PROVIDERS = 'microsoft,apple=Apple,google=Google';

export interface ServerConfig {
  port: number;
  host: string;
  staticDir: string | null;
  log: boolean;
  database: Database;
  /** null: no issuer configured; API routes that need a signed-in user answer 503. */
  auth: AuthConfig | null;
  metadata: EndpointStatement;
  retentionMonths: number;
  signIn: SignInSettings;
  aggregates: AggregatesConfig;
  rateLimit: RateLimitConfig;
  /** NODE_ENV=production: every setting below was given explicitly (loadConfig refused otherwise). */
  production: boolean;
  /** TRUST_PROXY: Fastify's trustProxy (hop count or addresses of the load balancer); false: none. */
  trustProxy: boolean | number | string[];
  /** Oblivious HTTP relay and gateway key; null: no relay named (clients send directly). */
  ohttp: OhttpConfig | null;
}

/** OHTTP_*: the relay clients use (run by another party) and this gateway's key. */
export interface OhttpConfig {
  /** OHTTP_RELAY_URL: the relay resource the page POSTs encapsulated requests to. */
  relayUrl: string;
  /** OHTTP_KEYS_URL: where the page fetches the gateway's key config (default: the relay's /ohttp-keys). */
  keysUrl: string;
  /** OHTTP_KEY_SEED (hex or base64url, ≥ 32 bytes); null: derived from the token master secret (development). */
  keySeed: string | null;
  /** OHTTP_KEY_ID: the key configuration's id, 0–255 (a new one for a new key). */
  keyId: number;
}

/** Abuse limits (@fastify/rate-limit). */
export interface RateLimitConfig {
  /** Requests per minute per connection address, every route (kept in this process's memory only). */
  perAddressPerMinute: number;
  /** Requests per minute per signed-in person on the signed-in routes. */
  perPersonPerMinute: number;
  /**
   * Joining by invite code (join and its preview together): tries per hour per signed-in person
   * and per address. What keeps the short codes unguessable (server/teams/repository.ts newInviteCode).
   */
  joinPerPersonPerHour: number;
  joinPerAddressPerHour: number;
  /** REDIS_URL: the shared store for the per-person counters when several replicas run; null: memory. */
  redisUrl: string | null;
  /** RATE_LIMIT_ALLOW: addresses never limited (e.g. an OHTTP relay). */
  allowList: string[];
}

/** Anonymous aggregates: the Privacy Pass key master secret and the optional publication noise. */
export interface AggregatesConfig {
  /** TOKEN_MASTER_SECRET (hex or base64url, ≥ 32 bytes); null: read or create `secretFile`. */
  masterSecret: string | null;
  /** Where a development secret is kept when TOKEN_MASTER_SECRET is not set. */
  secretFile: string;
  /** AGGREGATE_NOISE_SCALE: discrete Laplace scale per metric of published day sums (on by default). */
  noise: NoiseScales;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env, defaults: { staticDir?: string | null } = {}): ServerConfig {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = get(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${name} must be a ${protocols.join(' or ')} URL`);
        return undefined;
      }
      return raw;
    } catch {
      problems.push(`${name} is not a valid URL`);
      return undefined;
    }
  };

  const production = get('NODE_ENV') === 'production';
  // Production fails closed: what would silently fall back to a development value must be given.
  if (production) {
    for (const name of ['OPERATOR_NAME', 'JURISDICTION', 'REGION', 'OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_ALLOWED_TENANTS', 'TOKEN_MASTER_SECRET']) {
      if (get(name) === undefined) problems.push(`${name} is required in production (NODE_ENV=production)${PRODUCTION_HINTS[name] ?? ''}`);
    }
    if (get('DEV_SIGN_IN') === 'on') problems.push('DEV_SIGN_IN=on is refused in production: the development sign-in has test users without passwords');
  }

  const port = integer('PORT', 8080, 0, 65535);
  const host = get('HOST') ?? '127.0.0.1';
  const staticDir = get('STATIC_DIR') ?? defaults.staticDir ?? null;
  const log = get('LOG') === '1';

  // Database: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite.
  let database: Database;
  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  if (databaseUrl) database = { kind: 'postgres', url: databaseUrl };
  else {
    const dataDir = get('DATA_DIR') ?? './data/pglite';
    database = { kind: 'pglite', dataDir: dataDir === 'memory' ? null : dataDir };
  }

  // Sign-in: all or nothing around OIDC_ISSUER.
  let auth: AuthConfig | null = null;
  const issuer = url('OIDC_ISSUER', ['https:', 'http:']);
  const audience = get('OIDC_AUDIENCE');
  const jwksUri = url('OIDC_JWKS_URI', ['https:', 'http:']) ?? null;
  const requiredScope = get('OIDC_REQUIRED_SCOPE') ?? 'teams';
  const algorithms = (get('OIDC_ALGORITHMS') ?? 'RS256,ES256,PS256').split(',').map((a) => a.trim()).filter(Boolean);
  const clockToleranceSeconds = integer('OIDC_CLOCK_TOLERANCE_S', 30, 0, 300);
  for (const alg of algorithms) {
    if (!ALLOWED_ALGORITHMS.includes(alg)) problems.push(`OIDC_ALGORITHMS: "${alg}" is not one of ${ALLOWED_ALGORITHMS.join(', ')}`);
  }
  if (algorithms.length === 0) problems.push('OIDC_ALGORITHMS must list at least one algorithm');
  if (!/^[\x21-\x7e]+$/.test(requiredScope)) problems.push('OIDC_REQUIRED_SCOPE must be one scope token (no spaces)');
  if (issuer && !audience) problems.push('OIDC_AUDIENCE is required when OIDC_ISSUER is set');
  if (!issuer && get('OIDC_ISSUER') === undefined && (audience || jwksUri)) {
    problems.push('OIDC_AUDIENCE/OIDC_JWKS_URI are set but OIDC_ISSUER is not');
  }
  const tenantsRaw = get('OIDC_ALLOWED_TENANTS');
  let allowedTenants: string[] | null = null;
  if (tenantsRaw !== undefined && tenantsRaw !== '*') {
    allowedTenants = tenantsRaw.split(',').map((t) => t.trim()).filter(Boolean);
    for (const tenant of allowedTenants) {
      if (!/^[\x21-\x7e]{1,255}$/.test(tenant) || tenant === '*') problems.push(`OIDC_ALLOWED_TENANTS: "${tenant}" is not a tenant id (or give "*" alone for any tenant)`);
    }
    if (allowedTenants.length === 0) problems.push('OIDC_ALLOWED_TENANTS must list at least one tenant id, or be "*"');
  }
  if (tenantsRaw !== undefined && !issuer && get('OIDC_ISSUER') === undefined) problems.push('OIDC_ALLOWED_TENANTS is set but OIDC_ISSUER is not');
  if (issuer && audience) {
    auth = { issuer, audience, jwksUri, requiredScope, algorithms, clockToleranceSeconds, allowedTenants };
  }

  const signIn = signInSettings(get, integer, url, problems, auth);

  // Published endpoint metadata.
  const operator = get('OPERATOR_NAME') ?? DEFAULT_METADATA.operator;
  const jurisdiction = get('JURISDICTION') ?? DEFAULT_METADATA.jurisdiction;
  const region = get('REGION') ?? DEFAULT_METADATA.region;
  if (operator.length > 200 || /[\u0000-\u001f\u007f]/.test(operator)) problems.push('OPERATOR_NAME must be at most 200 printable characters');
  if (!/^(EU|[A-Z]{2})$/.test(jurisdiction)) problems.push(`JURISDICTION must be "EU" or an ISO 3166-1 alpha-2 code (e.g. "SE"), got "${jurisdiction}"`);
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(region)) problems.push(`REGION must be lower-case letters, digits and dashes (e.g. "swedencentral"), got "${region}"`);

  const retentionMonths = integer('RETENTION_MONTHS', 12, 1, 120);

  const masterSecret = get('TOKEN_MASTER_SECRET') ?? null;
  if (masterSecret !== null && secretBytes(masterSecret) < 32) problems.push('TOKEN_MASTER_SECRET must be at least 32 bytes, hex or base64url (e.g. `openssl rand -hex 32`)');
  const secretFile = get('TOKEN_MASTER_SECRET_FILE') ?? './data/token-master-secret';
  const noise = parseNoiseScales(get('AGGREGATE_NOISE_SCALE'));
  if (!noise) problems.push('AGGREGATE_NOISE_SCALE must be "default", "off", or e.g. "activeMinutes=12,reps=200,movementPoints=2000"');

  const rateLimit: RateLimitConfig = {
    perAddressPerMinute: integer('RATE_LIMIT_PER_ADDRESS', DEFAULT_RATE_LIMIT.perAddressPerMinute, 1, 1_000_000),
    perPersonPerMinute: integer('RATE_LIMIT_PER_PERSON', DEFAULT_RATE_LIMIT.perPersonPerMinute, 1, 1_000_000),
    // The per-person join limit is not a setting: the invite code's length is computed from it.
    joinPerPersonPerHour: DEFAULT_RATE_LIMIT.joinPerPersonPerHour,
    joinPerAddressPerHour: integer('RATE_LIMIT_JOIN_PER_ADDRESS', DEFAULT_RATE_LIMIT.joinPerAddressPerHour, 1, 100_000),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']) ?? null,
    allowList: (get('RATE_LIMIT_ALLOW') ?? '').split(',').map((a) => a.trim()).filter(Boolean),
  };
  for (const address of rateLimit.allowList) {
    if (!/^[0-9a-fA-F.:]{2,45}$/.test(address)) problems.push(`RATE_LIMIT_ALLOW: "${address}" is not an IP address`);
  }
  const trustProxy = parseTrustProxy(get('TRUST_PROXY'), problems);

  // Oblivious HTTP: a relay named in the metadata needs a gateway key that every replica shares.
  let ohttp: OhttpConfig | null = null;
  const relayUrl = url('OHTTP_RELAY_URL', ['https:', 'http:']);
  const keysUrl = url('OHTTP_KEYS_URL', ['https:', 'http:']);
  const keySeed = get('OHTTP_KEY_SEED') ?? null;
  const keyId = integer('OHTTP_KEY_ID', 1, 0, 255);
  if (keySeed !== null && secretBytes(keySeed) < 32) problems.push('OHTTP_KEY_SEED must be at least 32 bytes, hex or base64url (e.g. `openssl rand -hex 32`)');
  if (relayUrl) {
    if (production && keySeed === null) problems.push(`OHTTP_KEY_SEED is required in production when OHTTP_RELAY_URL is set${PRODUCTION_HINTS.OHTTP_KEY_SEED}`);
    if (production && new URL(relayUrl).protocol !== 'https:') problems.push('OHTTP_RELAY_URL must be https in production');
    ohttp = { relayUrl, keysUrl: keysUrl ?? new URL('/ohttp-keys', relayUrl).href, keySeed, keyId };
  } else if (get('OHTTP_RELAY_URL') === undefined && (keysUrl || keySeed !== null)) {
    problems.push('OHTTP_KEYS_URL/OHTTP_KEY_SEED are set but OHTTP_RELAY_URL is not');
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    staticDir,
    log,
    database,
    auth,
    metadata: { operator, jurisdiction, region },
    retentionMonths,
    signIn,
    aggregates: { masterSecret, secretFile, noise: noise ?? DEFAULT_NOISE_SCALES },
    rateLimit,
    production,
    trustProxy,
    ohttp,
  };
}

/** Published endpoint metadata when none is configured (development). */
export const DEFAULT_METADATA: EndpointStatement = { operator: 'Local development server (not a deployment)', jurisdiction: 'EU', region: 'local' };

export const DEFAULT_RATE_LIMIT: RateLimitConfig = {
  perAddressPerMinute: 1200,
  perPersonPerMinute: 300,
  joinPerPersonPerHour: 10,
  joinPerAddressPerHour: 600,
  redisUrl: null,
  allowList: [],
};

const PRODUCTION_HINTS: Record<string, string> = {
  OPERATOR_NAME: ' (your organisation, as the app shows it)',
  JURISDICTION: ' ("EU" or an ISO country code, e.g. "SE")',
  REGION: ' (the hosting region, e.g. "swedencentral")',
  OIDC_ISSUER: ' (the development sign-in is refused in production)',
  OIDC_ALLOWED_TENANTS: ' (the Entra tenant ids whose work accounts may sign in, comma-separated; "*" for any)',
  TOKEN_MASTER_SECRET: ' (e.g. `openssl rand -hex 32`; the same value on every instance)',
  OHTTP_KEY_SEED: ' (the gateway key, e.g. `openssl rand -hex 32`; the same value on every instance)',
};

/** TRUST_PROXY: unset/false, true, a hop count, or comma-separated addresses/CIDRs of the proxies. */
function parseTrustProxy(raw: string | undefined, problems: string[]): boolean | number | string[] {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  const list = raw.split(',').map((a) => a.trim()).filter(Boolean);
  if (list.length === 0 || list.some((a) => !/^[0-9a-fA-F.:/]{2,49}$/.test(a))) {
    problems.push(`TRUST_PROXY must be true, a hop count or comma-separated proxy addresses/CIDRs, got "${raw}"`);
    return false;
  }
  return list;
}

/** Parses SIGN_IN_PROVIDERS: "microsoft=contoso.com,apple=Apple,google=Google" (hint optional). */
export function parseProviders(raw: string, problems: string[]): TenantClientSettings['providers'] {
  const providers: TenantClientSettings['providers'] = [];
  for (const item of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [id, ...rest] = item.split('=');
    const hint = rest.join('=').trim();
    if (!(SIGN_IN_PROVIDER_IDS as readonly string[]).includes(id.trim())) {
      problems.push(`SIGN_IN_PROVIDERS: "${id.trim()}" is not one of ${SIGN_IN_PROVIDER_IDS.join(', ')}`);
    } else if (hint !== '' && !/^[\x21-\x7e]{1,255}$/.test(hint)) {
      problems.push(`SIGN_IN_PROVIDERS: the domain hint of "${id.trim()}" must be printable, without spaces`);
    } else if (providers.some((p) => p.id === id.trim())) {
      problems.push(`SIGN_IN_PROVIDERS: "${id.trim()}" is listed twice`);
    } else providers.push({ id: id.trim() as SignInProviderId, domainHint: hint === '' ? null : hint });
  }
  if (providers.length === 0) problems.push('SIGN_IN_PROVIDERS must list at least one provider');
  return providers;
}

function signInSettings(
  get: (name: string) => string | undefined,
  integer: (name: string, fallback: number, min: number, max: number) => number,
  url: (name: string, protocols: string[]) => string | undefined,
  problems: string[],
  auth: AuthConfig | null,
): SignInSettings {
  const dev = get('DEV_SIGN_IN');
  if (dev !== undefined && dev !== 'on' && dev !== 'off') problems.push(`DEV_SIGN_IN must be "on" or "off", got "${dev}"`);
  const clientId = get('SIGN_IN_CLIENT_ID');
  if (get('OIDC_ISSUER') === undefined) {
    if (clientId) problems.push('SIGN_IN_CLIENT_ID is set but OIDC_ISSUER is not');
    if (dev === 'off') return { kind: 'none' };
    return {
      kind: 'dev',
      // A fixed port keeps the issuer URL, and so the people it signed in, the same across restarts.
      port: integer('DEV_IDP_PORT', 8443, 0, 65535),
      stateDir: get('DEV_IDP_STATE_DIR') ?? './data/dev-idp',
      accessTokenTtlSeconds: integer('DEV_IDP_ACCESS_TOKEN_TTL_S', 600, 30, 86_400),
    };
  }
  if (dev === 'on') problems.push('DEV_SIGN_IN=on cannot be combined with OIDC_ISSUER');
  if (!clientId || !auth) return { kind: 'tenant', client: null };

  const authority = url('SIGN_IN_AUTHORITY', ['https:']);
  if (!authority) problems.push('SIGN_IN_AUTHORITY (https) is required with SIGN_IN_CLIENT_ID, e.g. https://contoso.ciamlogin.com/');
  const protocolMode = get('SIGN_IN_PROTOCOL_MODE') ?? 'AAD';
  if (protocolMode !== 'AAD' && protocolMode !== 'OIDC') problems.push('SIGN_IN_PROTOCOL_MODE must be "AAD" or "OIDC"');
  // Entra: the API scope is "<application ID URI>/<scope>"; the ID URI defaults to api://<client id>.
  const apiUri = auth.audience.includes('://') ? auth.audience : `api://${auth.audience}`;
  const scopes = (get('SIGN_IN_SCOPES') ?? `${apiUri}/${auth.requiredScope}`).split(/[\s,]+/).filter(Boolean);
  const authorityHost = authority ? new URL(authority).host : '';
  const knownAuthorities = (get('SIGN_IN_KNOWN_AUTHORITIES') ?? authorityHost).split(',').map((a) => a.trim()).filter(Boolean);
  const connectOrigins: string[] = [];
  for (const origin of (get('SIGN_IN_CONNECT_ORIGINS') ?? '').split(',').map((o) => o.trim()).filter(Boolean)) {
    const parsed = URL.parse(origin);
    if (!parsed || parsed.protocol !== 'https:' || parsed.origin !== origin) problems.push(`SIGN_IN_CONNECT_ORIGINS: "${origin}" is not an https origin`);
    else connectOrigins.push(origin);
  }
  const providers = parseProviders(get('SIGN_IN_PROVIDERS') ?? DEFAULT_PROVIDERS, problems);
  if (!authority || (protocolMode !== 'AAD' && protocolMode !== 'OIDC')) return { kind: 'tenant', client: null };
  return { kind: 'tenant', client: { clientId, authority, knownAuthorities, protocolMode, scopes, providers, connectOrigins } };
}

/** Bytes in a hex or base64url secret (0 when it is neither). */
function secretBytes(value: string): number {
  if (/^[0-9a-fA-F]+$/.test(value) && value.length % 2 === 0) return value.length / 2;
  if (/^[A-Za-z0-9_-]+={0,2}$/.test(value)) return Math.floor((value.replace(/=+$/, '').length * 3) / 4);
  return 0;
}
