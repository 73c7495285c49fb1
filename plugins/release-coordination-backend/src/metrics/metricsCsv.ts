import { DeliveryMetrics } from '@internal/plugin-release-coordination-common';

/**
 * The series as CSV (RFC 4180, header row): one row per interval with its
 * start and end and, per measure, its value, sample size and DORA band
 * (empty when there is none); then a `total` row of the whole period.
 */
export function metricsToCsv(metrics: DeliveryMetrics): string {
  const header = [
    'start',
    'end',
    ...metrics.measures.flatMap(m => [m.id, `${m.id}Count`, `${m.id}Band`]),
  ];
  const row = (
    start: string,
    end: string,
    values: DeliveryMetrics['summary'],
  ) => [
    start,
    end,
    ...metrics.measures.flatMap(m => {
      const { value, count, band } = values[m.id];
      return [value === null ? '' : String(value), String(count), band ?? ''];
    }),
  ];
  const rows = [
    header,
    ...metrics.series.map(p => row(p.start, p.end, p.values)),
    row('total', '', metrics.summary),
  ];
  return `${rows.map(cells => cells.join(',')).join('\r\n')}\r\n`;
}
