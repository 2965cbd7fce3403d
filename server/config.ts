/**
 * Server configuration, read from the environment once at start and validated. Every problem is
 * collected and reported together; `main.ts` prints them and exits non-zero.
 */

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
}

export interface EndpointMetadata {
  operator: string;
  /** "EU" or an ISO 3166-1 alpha-2 country code. */
  jurisdiction: string;
  /** Hosting region, e.g. "swedencentral". */
  region: string;
}

export interface ServerConfig {
  port: number;
  host: string;
  staticDir: string | null;
  log: boolean;
  database: Database;
  /** null: no issuer configured; API routes that need a signed-in user answer 503. */
  auth: AuthConfig | null;
  metadata: EndpointMetadata;
  retentionMonths: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** EU member states + EEA (Iceland, Liechtenstein, Norway), ISO 3166-1 alpha-2. */
export const EEA_COUNTRIES: readonly string[] = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV',
  'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
];

export function isEeaJurisdiction(jurisdiction: string): boolean {
  return jurisdiction === 'EU' || EEA_COUNTRIES.includes(jurisdiction);
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
  if (issuer && audience) {
    auth = { issuer, audience, jwksUri, requiredScope, algorithms, clockToleranceSeconds };
  }

  // Published endpoint metadata.
  const operator = get('OPERATOR_NAME') ?? 'Local development server (not a deployment)';
  const jurisdiction = get('JURISDICTION') ?? 'EU';
  const region = get('REGION') ?? 'local';
  if (operator.length > 200 || /[\u0000-\u001f\u007f]/.test(operator)) problems.push('OPERATOR_NAME must be at most 200 printable characters');
  if (!/^(EU|[A-Z]{2})$/.test(jurisdiction)) problems.push(`JURISDICTION must be "EU" or an ISO 3166-1 alpha-2 code (e.g. "SE"), got "${jurisdiction}"`);
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(region)) problems.push(`REGION must be lower-case letters, digits and dashes (e.g. "swedencentral"), got "${region}"`);

  const retentionMonths = integer('RETENTION_MONTHS', 12, 1, 120);

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
  };
}
