/** Injected everywhere time matters (retention, token expiry) so tests can move it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** The UTC calendar day of `date` as YYYY-MM-DD (dates are kept at day granularity). */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
