/**
 * Access-token verification with jose: signature against the issuer's JWKS, issuer, audience,
 * expiry (small explicit clock tolerance), algorithm allow-list and a required scope. Users are
 * keyed on issuer + (oid ?? sub), never on e-mail.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config';
import type { Clock } from '../clock';

export interface Principal {
  issuer: string;
  subject: string;
}

/** A request that must be refused: 401 for token problems, 503 when the issuer can't be reached. */
export class AuthError extends Error {
  constructor(
    readonly statusCode: 401 | 403 | 503,
    readonly error: string,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

export const MAX_TOKEN_AGE_S = 24 * 60 * 60;

export type TokenVerifier = (token: string) => Promise<Principal>;

const invalid = (message: string) => new AuthError(401, 'invalid-token', message);

function scopesOf(payload: JWTPayload): string[] {
  const out: string[] = [];
  for (const claim of [payload.scp, payload.scope]) {
    if (typeof claim === 'string') out.push(...claim.split(' '));
    else if (Array.isArray(claim)) out.push(...claim.filter((s): s is string => typeof s === 'string'));
  }
  return out;
}

/** Maps jose's errors to a clear refusal; anything unexpected is rethrown (a 500, logged). */
export function toAuthError(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  if (error instanceof errors.JWTExpired) return new AuthError(401, 'token-expired', 'The access token has expired; sign in again.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    const what: Record<string, string> = {
      aud: 'The access token is for another audience.',
      iss: 'The access token comes from another issuer.',
      nbf: 'The access token is not valid yet.',
      iat: 'The access token has an invalid or future issue time, or is too old.',
      exp: 'The access token has no expiry.',
    };
    return invalid(what[error.claim] ?? `The access token's "${error.claim}" claim is invalid.`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return invalid('The access token is signed with an algorithm that is not accepted.');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalid('The access token signature is not valid.');
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return invalid('The access token is signed with an unknown key.');
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return invalid('The access token is malformed.');
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error instanceof errors.JOSEError || error instanceof TypeError) {
    // Fetching or reading the key set failed (network, non-200, bad JSON): not the user's fault.
    return new AuthError(503, 'auth-unavailable', 'The sign-in service could not be reached; try again later.');
  }
  throw error;
}

/** Finds the JWKS URL through OpenID discovery, once; a failed look-up is retried on the next call. */
function discoverJwksUri(issuer: string): () => Promise<URL> {
  let found: Promise<URL> | null = null;
  return () => {
    found ??= (async () => {
      const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
        signal: AbortSignal.timeout(5000),
        redirect: 'error',
      });
      if (!response.ok) throw new errors.JOSEError(`OpenID discovery answered ${response.status}`);
      const doc = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
      if (doc.issuer !== issuer || typeof doc.jwks_uri !== 'string') {
        throw new errors.JOSEError('OpenID discovery document does not match the configured issuer');
      }
      return new URL(doc.jwks_uri);
    })().catch((error: unknown) => {
      found = null;
      throw error instanceof errors.JOSEError ? error : new errors.JOSEError('OpenID discovery failed', { cause: error });
    });
    return found;
  };
}

/**
 * `keys`: a key set already in hand (the in-process development sign-in, whose self-signed TLS
 * Node would refuse); otherwise the issuer's JWKS is fetched (OIDC_JWKS_URI or discovery).
 */
export function createTokenVerifier(config: AuthConfig, clock: Clock, keys?: JWTVerifyGetKey): TokenVerifier {
  const jwksUrl = config.jwksUri ? async () => new URL(config.jwksUri as string) : discoverJwksUri(config.issuer);
  let jwks: JWTVerifyGetKey | null = keys ?? null;

  return async (token: string): Promise<Principal> => {
    try {
      jwks ??= createRemoteJWKSet(await jwksUrl(), { timeoutDuration: 5000, cooldownDuration: 30_000 });
      const { payload } = await jwtVerify(token, jwks, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: config.algorithms,
        clockTolerance: config.clockToleranceSeconds,
        requiredClaims: ['exp', 'iat'],
        // Also rejects an `iat` in the future; access tokens live minutes to hours.
        maxTokenAge: MAX_TOKEN_AGE_S,
        currentDate: clock(),
      });
      if (!scopesOf(payload).includes(config.requiredScope)) {
        throw new AuthError(401, 'insufficient-scope', `The access token lacks the "${config.requiredScope}" scope.`);
      }
      if (config.allowedTenants) {
        // Work accounts of the customer's own tenants only (OIDC_ALLOWED_TENANTS).
        const tenant = typeof payload.tid === 'string' ? payload.tid : null;
        if (tenant === null || !config.allowedTenants.includes(tenant)) {
          throw new AuthError(403, 'tenant-not-allowed', 'This account is not from an organisation that uses this service; sign in with your work account.');
        }
      }
      const subject = typeof payload.oid === 'string' && payload.oid !== '' ? payload.oid : payload.sub;
      if (typeof subject !== 'string' || subject === '' || subject.length > 255) {
        throw invalid('The access token names no user (no "oid" or "sub").');
      }
      return { issuer: config.issuer, subject };
    } catch (error) {
      throw toAuthError(error);
    }
  };
}

/** `Authorization: Bearer <jwt>` → the token, or an AuthError. */
export function bearerToken(header: string | undefined): string {
  if (header === undefined || header === '') {
    throw new AuthError(401, 'missing-token', 'Sign in: this request needs an "Authorization: Bearer" access token.');
  }
  const match = /^Bearer +([A-Za-z0-9_.~+/=-]{1,8192})\s*$/i.exec(header);
  if (!match) throw invalid('The Authorization header must be "Bearer <access token>".');
  return match[1];
}
