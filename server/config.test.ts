import { DEFAULT_NOISE_SCALES } from './aggregates/noise';
import { describe, expect, it } from 'vitest';
import { ConfigError, isEeaJurisdiction, loadConfig } from './config';

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
    expect(loadConfig({ TOKEN_MASTER_SECRET: secret, AGGREGATE_NOISE_SCALE: 'reps=300', NODE_ENV: 'production' }).aggregates).toEqual({
      masterSecret: secret,
      secretFile: './data/token-master-secret',
      noise: { ...DEFAULT_NOISE_SCALES, reps: 300 },
    });
    expect(loadConfig({ AGGREGATE_NOISE_SCALE: 'off' }).aggregates.noise).toEqual({ activeMinutes: 0, reps: 0, movementPoints: 0 });
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/TOKEN_MASTER_SECRET is required in production/);
    expect(() => loadConfig({ TOKEN_MASTER_SECRET: 'abcd' })).toThrow(/at least 32 bytes/);
    expect(() => loadConfig({ AGGREGATE_NOISE_SCALE: '-1' })).toThrow(/AGGREGATE_NOISE_SCALE/);
  });

  it('knows the EU/EEA jurisdictions', () => {
    expect(isEeaJurisdiction('EU')).toBe(true);
    expect(isEeaJurisdiction('NO')).toBe(true);
    expect(isEeaJurisdiction('US')).toBe(false);
    expect(isEeaJurisdiction('CH')).toBe(false);
  });
});
