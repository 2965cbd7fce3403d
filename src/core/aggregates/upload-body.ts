/** The exact bytes of an upload (the shape: Contribution in core/api/aggregates.ts). */
import { METRICS, UPLOAD_LIMITS, clipValues, type Metric } from '.';

/**
 * Fixed key order, clipped and rounded values, each number padded with spaces (valid JSON
 * whitespace) to the width of its largest value. With the token, team id and day of fixed length
 * too, every upload has the same size, so not even the length of the encrypted request says
 * anything about how much the person moved.
 */
export function contributionBody(token: string, team: string, day: string, values: Record<Metric, number>): string {
  const v = clipValues(values);
  const field = (metric: Metric) => `"${metric}":${String(v[metric]).padEnd(String(UPLOAD_LIMITS[metric].max).length)}`;
  return `{"token":${JSON.stringify(token)},"team":${JSON.stringify(team)},"day":${JSON.stringify(day)},${METRICS.map(field).join(',')}}`;
}
