/**
 * Shared rules of the anonymous aggregates (docs/design.md §7): the value ranges and clipping, the
 * token and window constants, the Privacy Pass challenge context. Beside them: the upload body
 * (upload-body.ts), the endpoint check (endpoint.ts), timing and deadlines (timing.ts); the wire
 * shapes are in core/api/aggregates.ts. Pure code, used by server and page.
 */

/**
 * Inclusive integer ranges of the uploaded values (per person, team and day). Tight on purpose:
 * the clip bound is how much one person can move a team's day total, which sets the noise needed
 * (server/aggregates/noise.ts). Two hours of active breaks, 2,000 reps and 20,000 movement points
 * in one day are already far beyond what the app's 1–3 minute games produce.
 */
export const UPLOAD_LIMITS = {
  activeMinutes: { min: 0, max: 120 },
  reps: { min: 0, max: 2_000 },
  movementPoints: { min: 0, max: 20_000 },
} as const;

export type Metric = keyof typeof UPLOAD_LIMITS;
export const METRICS: readonly Metric[] = ['activeMinutes', 'reps', 'movementPoints'];

/** Serialized VOPRF token: 2 + 32 + 32 + 32 + 48 bytes = 146 bytes, 195 base64url characters. */
export const TOKEN_BYTES = 146;
export const TOKEN_B64_LENGTH = Math.ceil((TOKEN_BYTES * 4) / 3);

/** Privacy Pass token type 0x0001: VOPRF P-384, privately verifiable (the server issues and redeems). */
export const TOKEN_TYPE = 0x0001;
/** Issuer name in every token challenge. */
export const TOKEN_ISSUER_NAME = 'microbreak-aggregates';

/**
 * Upload days per token key: a token for day D is accepted on days D+1 .. D+UPLOAD_WINDOW_DAYS.
 * Short on purpose: a day is published only once its window has closed, so this is also the lag
 * of team totals and challenge progress. Three days carry a Friday over a weekend to Monday.
 */
export const UPLOAD_WINDOW_DAYS = 3;
/** Issuance covers today and the following days: ISSUE_DAYS days in all. */
export const ISSUE_DAYS = 7;

/** Minimum contributors for a published team total / for a comparison between teams. */
export const MIN_CONTRIBUTORS = 5;
export const MIN_COMPARISON_CONTRIBUTORS = 10;

/** The redemption context bound into the token challenge: `team|day` (hashed by the caller). */
export function challengeContext(team: string, day: string): string {
  return `${team}|${day}`;
}

/** Clips to the metric's range and rounds to an integer (NaN/non-finite count as 0). */
export function clipValue(metric: Metric, value: number): number {
  const { min, max } = UPLOAD_LIMITS[metric];
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.round(value)));
}

export function clipValues(values: Record<Metric, number>): Record<Metric, number> {
  return {
    activeMinutes: clipValue('activeMinutes', values.activeMinutes),
    reps: clipValue('reps', values.reps),
    movementPoints: clipValue('movementPoints', values.movementPoints),
  };
}
