import { z } from 'zod';
import { timeZoneSchema } from './freezes';
import {
  entityRefSchema,
  horizonTimestampSchema,
  TimeHorizon,
} from './schemas';
import {
  DeliveryMetrics,
  deliveryMetricsIntervalValues,
  deliveryMeasureValues,
} from './generated/openapi';

export type { DeliveryMetrics };

/** The longest period `GET /metrics` answers for, in days (three years). @public */
export const MAX_METRICS_PERIOD_DAYS = 1096;

/** The scope meaning every release of the organisation. @public */
export const ORGANISATION_SCOPE = 'organisation';

/** @public */
export const METRICS_INTERVALS = deliveryMetricsIntervalValues;

/** The length of one point of a metrics series. @public */
export type MetricsInterval = (typeof METRICS_INTERVALS)[number];

/**
 * The delivery measures, in the order they are shown: the five DORA measures
 * first, then the portal's own.
 *
 * @public
 */
export const DELIVERY_MEASURES = deliveryMeasureValues;

/** @public */
export type DeliveryMeasure = (typeof DELIVERY_MEASURES)[number];

/**
 * What a measure's value is: deployments per week, a median duration in
 * hours, or a share from 0 to 1.
 *
 * @public
 */
export type DeliveryMeasureUnit = 'perWeek' | 'hours' | 'ratio';

/** A DORA performance level (State of DevOps 2023/2024 thresholds). @public */
export type PerformanceBand = 'elite' | 'high' | 'medium' | 'low';

/** What a measure is, for charts and the CSV export. @public */
export interface DeliveryMeasureInfo {
  id: DeliveryMeasure;
  label: string;
  unit: DeliveryMeasureUnit;
  /** Whether DORA gives performance bands for it. */
  banded: boolean;
  /** False while the data behind it does not exist (its values are null). */
  available: boolean;
  description: string;
}

/**
 * One measure over one period: `value` is null when nothing was measured
 * (`count` 0) or the measure is not available; `count` is the number of
 * releases (or failures, approvals) it was computed from.
 *
 * @public
 */
export interface MeasureValue {
  value: number | null;
  count: number;
  band: PerformanceBand | null;
}

/** The measures of one interval `[start, end)` of the period. @public */
export interface DeliveryMetricsPoint {
  start: string;
  end: string;
  values: Record<DeliveryMeasure, MeasureValue>;
}

/**
 * The query of `GET /metrics`, with both times within `horizon`: `scope` is
 * `organisation` or an entity ref (a System, Domain, Group or any other
 * entity), `[from, to)` at most {@link MAX_METRICS_PERIOD_DAYS} days long,
 * cut into weeks (from Monday) or months in `tz` (UTC by default).
 *
 * @public
 */
export function metricsQuerySchema(horizon: TimeHorizon) {
  const timestamp = horizonTimestampSchema(horizon);
  return z
    .strictObject({
      scope: z.union([z.literal(ORGANISATION_SCOPE), entityRefSchema], {
        error: `must be "${ORGANISATION_SCOPE}" or an entity ref`,
      }),
      from: timestamp,
      to: timestamp,
      interval: z.enum(METRICS_INTERVALS).default('week'),
      tz: timeZoneSchema.default('UTC'),
      format: z.enum(['json', 'csv']).default('json'),
    })
    .superRefine((query, ctx) => {
      const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
      if (days <= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: 'must be after from',
        });
      } else if (days > MAX_METRICS_PERIOD_DAYS) {
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: `must be at most ${MAX_METRICS_PERIOD_DAYS} days after from`,
        });
      }
    });
}

/** @public */
export type MetricsQuery = z.output<ReturnType<typeof metricsQuerySchema>>;
