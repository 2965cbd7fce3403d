/** Numbers, days and metric names of the team's week, in the user's language. */
import type { Metric } from '../../core/aggregates';
import { formatNumber as localNumber, intlLocale, t } from '../i18n/i18n';

export function formatNumber(value: number): string {
  return localNumber(value);
}

/** A UTC day YYYY-MM-DD as e.g. "Fri 20 Nov" / "fre 20 nov." */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

export function metricName(metric: Metric): string {
  return t(`challenges.metric.${metric}`);
}
