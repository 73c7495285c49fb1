import {
  DeliveryMetrics,
  MetricsInterval,
} from '@internal/plugin-release-coordination-common';

/**
 * What delivery metrics to get: a scope (`organisation` or an entity ref)
 * over `[from, to)`, per week or month in a time zone (UTC by default).
 *
 * @public
 */
export interface DeliveryMetricsRequest {
  scope: string;
  from: string;
  to: string;
  interval: MetricsInterval;
  tz?: string;
}

/**
 * The delivery-metrics calls of the release-coordination API.
 *
 * @public
 */
export interface DeliveryMetricsApi {
  /** The measures over the period and per interval. */
  getDeliveryMetrics(request: DeliveryMetricsRequest): Promise<DeliveryMetrics>;
  /** The same as a CSV file (a row per interval and a `total` row). */
  getDeliveryMetricsCsv(request: DeliveryMetricsRequest): Promise<Blob>;
}
