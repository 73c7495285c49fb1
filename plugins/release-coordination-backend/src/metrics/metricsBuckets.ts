import { MetricsInterval } from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import { MetricsBucket } from './DatabaseMetricsStore';

/**
 * The period `[from, to)` cut into calendar weeks (from Monday 00:00) or
 * months in the time zone `zone`; the first and last are cut short at the
 * period's edges.
 */
export function metricsBuckets(options: {
  from: string;
  to: string;
  interval: MetricsInterval;
  zone: string;
}): MetricsBucket[] {
  const from = Date.parse(options.from);
  const to = Date.parse(options.to);
  const buckets: MetricsBucket[] = [];
  let start = DateTime.fromMillis(from, { zone: options.zone }).startOf(
    options.interval,
  );
  while (start.toMillis() < to) {
    const next = start.plus({ [options.interval]: 1 });
    buckets.push({
      start: Math.max(from, start.toMillis()),
      end: Math.min(to, next.toMillis()),
    });
    start = next;
  }
  return buckets;
}
