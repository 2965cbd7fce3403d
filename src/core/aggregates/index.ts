/**
 * Shared rules of the anonymous aggregate upload (docs/design.md §7): the fixed body shape, the value
 * ranges, clipping/rounding, the Privacy Pass challenge context and the upload timing (days and
 * weeks come from core/calendar).
 * Pure code: used by the server (validation) and by the client (building uploads).
 */
import { addDays, utcDayStart } from '../calendar';

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

/** The one upload body: nothing else is ever sent (no timestamp, device or version). */
export interface Contribution {
  /** Privacy Pass token (type 0x0001, VOPRF P-384), base64url without padding. */
  token: string;
  team: string;
  /** Day YYYY-MM-DD the values belong to (the person's own calendar day). */
  day: string;
  activeMinutes: number;
  reps: number;
  movementPoints: number;
}

/** Serialized VOPRF token: 2 + 32 + 32 + 32 + 48 bytes = 146 bytes, 195 base64url characters. */
export const TOKEN_BYTES = 146;
export const TOKEN_B64_LENGTH = Math.ceil((TOKEN_BYTES * 4) / 3);

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

/** EU member states + EEA (Iceland, Liechtenstein, Norway), ISO 3166-1 alpha-2. */
export const EEA_COUNTRIES: readonly string[] = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV',
  'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
];

export function isEeaJurisdiction(jurisdiction: string): boolean {
  return jurisdiction === 'EU' || EEA_COUNTRIES.includes(jurisdiction);
}

/** What `/.well-known/microbreak-endpoint.json` states. */
export interface EndpointMetadata {
  operator: string;
  jurisdiction: string;
  region: string;
  eea: boolean;
  apiVersion: number;
  /** An Oblivious HTTP relay (run by another party) for anonymous requests, and its key config URL. */
  ohttp?: { relay: string; keys: string };
}

/**
 * The client's own judgement of an endpoint: it uploads only when the metadata names an EU/EEA
 * jurisdiction by itself (the server's `eea` flag must agree, but is never trusted alone).
 * Returns null when acceptable, else the reason.
 */
export function endpointRefusal(metadata: unknown): 'no-metadata' | 'not-eea' | null {
  if (!metadata || typeof metadata !== 'object') return 'no-metadata';
  const m = metadata as Partial<Record<keyof EndpointMetadata, unknown>>;
  if (typeof m.jurisdiction !== 'string' || typeof m.region !== 'string' || typeof m.operator !== 'string') return 'no-metadata';
  if (!isEeaJurisdiction(m.jurisdiction) || m.eea !== true) return 'not-eea';
  return null;
}

/**
 * The exact bytes of an upload: fixed key order, clipped and rounded values, each number padded
 * with spaces (valid JSON whitespace) to the width of its largest value. With the token, team id
 * and day of fixed length too, every upload has the same size, so not even the length of the
 * encrypted request says anything about how much the person moved.
 */
export function contributionBody(token: string, team: string, day: string, values: Record<Metric, number>): string {
  const v = clipValues(values);
  const field = (metric: Metric) => `"${metric}":${String(v[metric]).padEnd(String(UPLOAD_LIMITS[metric].max).length)}`;
  return `{"token":${JSON.stringify(token)},"team":${JSON.stringify(team)},"day":${JSON.stringify(day)},${METRICS.map(field).join(',')}}`;
}

/** Uploads are spread over this many hours after a day closes. */
export const UPLOAD_SPREAD_HOURS = 6;

/**
 * When the upload for `day` may go: the day must be over both where the person is (`localDayEnd`,
 * epoch ms of the next local midnight) and on the server's UTC calendar (which accepts a day
 * from the next UTC day on); then a moment drawn uniformly from the spread window, so the upload
 * time says nothing about when the person moved. `random01` must come from a CSPRNG.
 */
export function uploadDueAt(day: string, localDayEnd: number, random01: number): number {
  const utcDayEnd = utcDayStart(addDays(day, 1));
  const opens = Math.max(localDayEnd, utcDayEnd);
  return opens + Math.floor(random01 * UPLOAD_SPREAD_HOURS * 3_600_000);
}

/** The last moment the server still accepts an upload for `day` (end of UTC day D + UPLOAD_WINDOW_DAYS). */
export function uploadDeadline(day: string): number {
  return utcDayStart(addDays(day, UPLOAD_WINDOW_DAYS + 1)) - 1;
}
