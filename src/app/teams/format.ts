/** Numbers, days and metric names of the team's week, in the user's language. */
import type { Metric } from '../../core/aggregates';
import { locale, t } from '../i18n/i18n';

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(locale.value === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 }).format(value);
}

/** A UTC day YYYY-MM-DD as e.g. "Fri 20 Nov" / "fre 20 nov." */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat(locale.value === 'sv' ? 'sv-SE' : 'en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

export function metricName(metric: Metric): string {
  return t(`challenges.metric.${metric}`);
}
