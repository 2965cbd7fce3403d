import { DEFAULT_NOISE_SCALES } from './aggregates/noise';
import { describe, expect, it } from 'vitest';
import { isEeaJurisdiction } from '../src/core/aggregates/endpoint';
import { ConfigError, loadConfig } from './config';

/** Everything production needs, explicitly. */
const PRODUCTION: Record<string, string | undefined> = {
  NODE_ENV: 'production',
  OPERATOR_NAME: 'Example AB',
  JURISDICTION: 'SE',
  REGION: 'swedencentral',
  OIDC_ISSUER: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
  OIDC_AUDIENCE: 'api://microbreak',
  OIDC_ALLOWED_TENANTS: '11111111-2222-3333-4444-555555555555',
  TOKEN_MASTER_SECRET: 'ab'.repeat(32),
};

describe('production fails closed', () => {
  it('with NODE_ENV=production and nothing else, refuses to start and names every missing setting at once', () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    for (const name of ['OPERATOR_NAME', 'JURISDICTION', 'REGION', 'OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_ALLOWED_TENANTS', 'TOKEN_MASTER_SECRET']) {
      expect(problems.some((p) => p.startsWith(`${name} is required in production`)), name).toBe(true);
    }
  });

  it('refuses the development sign-in in production', () => {
    expect(() => loadConfig({ ...PRODUCTION, DEV_SIGN_IN: 'on' })).toThrow(/DEV_SIGN_IN=on is refused in production/);
    // Without an issuer the development sign-in would start: refused, whatever else is set.
    expect(() => loadConfig({ ...PRODUCTION, OIDC_ISSUER: undefined, OIDC_AUDIENCE: undefined })).toThrow(/OIDC_ISSUER is required in production/);
  });

  it('starts with every setting explicit, with the tenant allow-list on the verifier config', () => {
    const config = loadConfig(PRODUCTION);
    expect(config.production).toBe(true);
    expect(config.signIn.kind).toBe('tenant');
    expect(config.metadata).toEqual({ operator: 'Example AB', jurisdiction: 'SE', region: 'swedencentral' });
    expect(config.auth?.allowedTenants).toEqual(['11111111-2222-3333-4444-555555555555']);
    // "*" is an explicit "any tenant", never the default.
    expect(loadConfig({ ...PRODUCTION, OIDC_ALLOWED_TENANTS: '*' }).auth?.allowedTenants).toBeNull();
    expect(() => loadConfig({ ...PRODUCTION, OIDC_ALLOWED_TENANTS: 'a b' })).toThrow(/OIDC_ALLOWED_TENANTS/);
  });

  it('reads the rate limits, the Redis store and the proxy setting', () => {
    // No Redis and no allow-list unless set; the numbers themselves are config.ts's to choose.
    expect(loadConfig({}).rateLimit).toMatchObject({ redisUrl: null, allowList: [] });
    expect(loadConfig({ RATE_LIMIT_JOIN_PER_ADDRESS: '2000' }).rateLimit.joinPerAddressPerHour).toBe(2000);
    const config = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', RATE_LIMIT_PER_PERSON: '60', RATE_LIMIT_ALLOW: '10.0.0.7', TRUST_PROXY: '1' });
    expect(config.rateLimit).toMatchObject({ perPersonPerMinute: 60, redisUrl: 'redis://127.0.0.1:6379', allowList: ['10.0.0.7'] });
    expect(config.trustProxy).toBe(1);
    expect(() => loadConfig({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY/);
  });
});

describe('configuration', () => {
  it('needs nothing: PGlite in ./data/pglite, no sign-in, EU metadata, 12-month retention', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      database: { kind: 'pglite', dataDir: './data/pglite' },
      auth: null,
      metadata: { jurisdiction: 'EU', region: 'local' },
      retentionMonths: 12,
    });
    expect(loadConfig({ DATA_DIR: 'memory' }).database).toEqual({ kind: 'pglite', dataDir: null });
  });

  it('reads PostgreSQL and OIDC settings', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db.example:5432/microbreak',
      OIDC_ISSUER: 'https://tenant.ciamlogin.com/tid/v2.0',
      OIDC_AUDIENCE: 'api://microbreak',
      OIDC_ALGORITHMS: 'RS256, PS256',
      OIDC_CLOCK_TOLERANCE_S: '10',
      JURISDICTION: 'SE',
      REGION: 'swedencentral',
      OPERATOR_NAME: 'Example AB',
      RETENTION_MONTHS: '6',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@db.example:5432/microbreak' });
    expect(config.auth).toEqual({
      issuer: 'https://tenant.ciamlogin.com/tid/v2.0',
      audience: 'api://microbreak',
      jwksUri: null,
      requiredScope: 'teams',
      algorithms: ['RS256', 'PS256'],
      clockToleranceSeconds: 10,
      allowedTenants: null,
    });
    expect(config.metadata).toEqual({ operator: 'Example AB', jurisdiction: 'SE', region: 'swedencentral' });
    expect(config.retentionMonths).toBe(6);
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        OIDC_ISSUER: 'https://issuer.example',
        OIDC_ALGORITHMS: 'none,HS256',
        JURISDICTION: 'Sweden',
        REGION: 'Sweden Central',
        RETENTION_MONTHS: '0',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'OIDC_AUDIENCE', 'OIDC_ALGORITHMS: "none"', 'OIDC_ALGORITHMS: "HS256"', 'JURISDICTION', 'REGION', 'RETENTION_MONTHS']) {
      expect(problems).toContain(name);
    }
  });

  it('reads the token master secret and the aggregate noise scale', () => {
    // Noise is on by default, with a scale per metric.
    expect(loadConfig({}).aggregates).toEqual({ masterSecret: null, secretFile: './data/token-master-secret', noise: DEFAULT_NOISE_SCALES });
    const secret = 'ab'.repeat(32);
    expect(loadConfig({ ...PRODUCTION, TOKEN_MASTER_SECRET: secret, AGGREGATE_NOISE_SCALE: 'reps=300' }).aggregates).toEqual({
      masterSecret: secret,
      secretFile: './data/token-master-secret',
      noise: { ...DEFAULT_NOISE_SCALES, reps: 300 },
    });
    expect(loadConfig({ AGGREGATE_NOISE_SCALE: 'off' }).aggregates.noise).toEqual({ activeMinutes: 0, reps: 0, movementPoints: 0 });
    expect(() => loadConfig({ ...PRODUCTION, TOKEN_MASTER_SECRET: undefined })).toThrow(/TOKEN_MASTER_SECRET is required in production/);
    expect(() => loadConfig({ TOKEN_MASTER_SECRET: 'abcd' })).toThrow(/at least 32 bytes/);
    expect(() => loadConfig({ AGGREGATE_NOISE_SCALE: '-1' })).toThrow(/AGGREGATE_NOISE_SCALE/);
  });

  it('names an OHTTP relay only with a gateway key; production requires a configured one (fails closed)', () => {
    expect(loadConfig({}).ohttp).toBe(null);
    const relay = 'https://relay.other-party.example/';
    const seed = 'cd'.repeat(32);
    expect(loadConfig({ ...PRODUCTION, OHTTP_RELAY_URL: relay, OHTTP_KEY_SEED: seed }).ohttp).toEqual({
      relayUrl: relay,
      keysUrl: 'https://relay.other-party.example/ohttp-keys',
      keySeed: seed,
      keyId: 1,
    });
    // Development: the key is derived from the token master secret when no seed is given.
    expect(loadConfig({ OHTTP_RELAY_URL: 'http://127.0.0.1:8090/', OHTTP_KEY_ID: '9' }).ohttp).toMatchObject({ keySeed: null, keyId: 9 });
    expect(() => loadConfig({ ...PRODUCTION, OHTTP_RELAY_URL: relay })).toThrow(/OHTTP_KEY_SEED is required in production when OHTTP_RELAY_URL is set/);
    expect(() => loadConfig({ ...PRODUCTION, OHTTP_RELAY_URL: 'http://relay.example/', OHTTP_KEY_SEED: seed })).toThrow(/OHTTP_RELAY_URL must be https in production/);
    expect(() => loadConfig({ OHTTP_RELAY_URL: relay, OHTTP_KEY_SEED: 'abcd' })).toThrow(/OHTTP_KEY_SEED must be at least 32 bytes/);
    expect(() => loadConfig({ OHTTP_KEY_SEED: seed })).toThrow(/OHTTP_RELAY_URL is not/);
    expect(() => loadConfig({ OHTTP_RELAY_URL: relay, OHTTP_KEY_ID: '256' })).toThrow(/OHTTP_KEY_ID/);
  });

  it('knows the EU/EEA jurisdictions', () => {
    expect(isEeaJurisdiction('EU')).toBe(true);
    expect(isEeaJurisdiction('NO')).toBe(true);
    expect(isEeaJurisdiction('US')).toBe(false);
    expect(isEeaJurisdiction('CH')).toBe(false);
  });
});
