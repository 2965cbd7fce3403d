/** The page's own judgement of an endpoint's metadata (core/api/metadata.ts) before every send. */
import type { EndpointStatement } from '../api/metadata';

/** EU member states + EEA (Iceland, Liechtenstein, Norway), ISO 3166-1 alpha-2. */
export const EEA_COUNTRIES: readonly string[] = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV',
  'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
];

export function isEeaJurisdiction(jurisdiction: string): boolean {
  return jurisdiction === 'EU' || EEA_COUNTRIES.includes(jurisdiction);
}

/**
 * Uploads go only where the metadata names an EU/EEA jurisdiction by itself (the server's `eea`
 * flag must agree, but is never trusted alone). Null when acceptable, else the reason.
 */
export function endpointRefusal(metadata: unknown): 'no-metadata' | 'not-eea' | null {
  if (!metadata || typeof metadata !== 'object') return 'no-metadata';
  const m = metadata as Partial<Record<keyof EndpointStatement | 'eea', unknown>>;
  if (typeof m.jurisdiction !== 'string' || typeof m.region !== 'string' || typeof m.operator !== 'string') return 'no-metadata';
  if (!isEeaJurisdiction(m.jurisdiction) || m.eea !== true) return 'not-eea';
  return null;
}
