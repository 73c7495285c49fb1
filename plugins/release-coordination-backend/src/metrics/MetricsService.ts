import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  DeliveryMeasure,
  DeliveryMeasureInfo,
  DeliveryMetrics,
  MeasureValue,
  MetricsQuery,
} from '@internal/plugin-release-coordination-common';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import {
  BucketAggregates,
  DatabaseMetricsStore,
  MedianDuration,
  MetricsBucket,
} from './DatabaseMetricsStore';
import { doraBand, isBanded } from './doraBands';
import { metricsBuckets } from './metricsBuckets';
import { scopeEntityRefs } from './metricsScope';
import {
  REVIEW_COMPLETION_UNAVAILABLE,
  ReviewCompletionSource,
} from './reviewCompletion';
import { HOUR_MS } from '../time';

const WEEK = 7 * 24 * HOUR_MS;

/** The default of `releaseCoordination.metrics.reworkWindowDays`. */
export const DEFAULT_REWORK_WINDOW_DAYS = 14;

const MEASURES: Omit<DeliveryMeasureInfo, 'banded' | 'available'>[] = [
  {
    id: 'deploymentFrequency',
    label: 'Deployment frequency',
    unit: 'perWeek',
    description: 'Releases released, per week',
  },
  {
    id: 'changeLeadTime',
    label: 'Change lead time',
    unit: 'hours',
    description: 'Median time from planned to released',
  },
  {
    id: 'changeFailRate',
    label: 'Change fail rate',
    unit: 'ratio',
    description:
      'Share of released releases rolled back or linked to a sev1/sev2 issue',
  },
  {
    id: 'recoveryTime',
    label: 'Failed deployment recovery time',
    unit: 'hours',
    description:
      'Median time from the rollback decision (or first sev1/sev2 issue) to the follow-up hotfix released or the issues resolved',
  },
  {
    id: 'reworkRate',
    label: 'Deployment rework rate',
    unit: 'ratio',
    description:
      'Share of released releases that are hotfixes released soon after another release of their entities',
  },
  {
    id: 'timelineAdherence',
    label: 'Timeline adherence',
    unit: 'ratio',
    description:
      'Share of released releases started and released inside their planned window',
  },
  {
    id: 'cadenceAdherence',
    label: 'Cadence adherence',
    unit: 'ratio',
    description: 'Share of released releases booked on a release train',
  },
  {
    id: 'approvalLeadTime',
    label: 'Approval lead time',
    unit: 'hours',
    description: 'Median time from planned to approved',
  },
  {
    id: 'reviewCompletion',
    label: 'Review completion',
    unit: 'ratio',
    description: 'Share of required post-release reviews completed',
  },
];

const share = (part: number, whole: number) => ({
  value: whole ? part / whole : null,
  count: whole,
});

const hours = ({ medianMs, count }: MedianDuration) => ({
  value: medianMs === null ? null : medianMs / HOUR_MS,
  count,
});

/**
 * Delivery metrics (the five DORA measures, timeline and cadence adherence,
 * approval lead time and review completion) of a scope over a period,
 * aggregated in the database by {@link DatabaseMetricsStore}.
 *
 * Only released, approved and rolled-back releases are counted; none of them
 * is a draft, and every release that is not a draft is readable by every
 * signed-in user, so nothing the caller cannot read is counted, and everyone
 * sees the same numbers for a scope. A scope's entities are those the caller
 * may read in the catalog.
 */
export class MetricsService {
  private readonly store: DatabaseMetricsStore;
  private readonly catalog: CatalogModel;
  private readonly reworkWindowDays: number;
  private readonly reviews: ReviewCompletionSource;

  constructor(options: {
    store: DatabaseMetricsStore;
    catalog: CatalogModel;
    reworkWindowDays?: number;
    /** Post-release reviews; review completion is "not available" without. */
    reviews?: ReviewCompletionSource;
  }) {
    this.store = options.store;
    this.catalog = options.catalog;
    this.reworkWindowDays =
      options.reworkWindowDays ?? DEFAULT_REWORK_WINDOW_DAYS;
    this.reviews = options.reviews ?? REVIEW_COMPLETION_UNAVAILABLE;
  }

  /** The measures of `query.scope` over the period and per interval. */
  async getMetrics(
    query: Omit<MetricsQuery, 'format'>,
    credentials: BackstageCredentials,
  ): Promise<DeliveryMetrics> {
    const entityRefs = await scopeEntityRefs(
      this.catalog,
      query.scope,
      credentials,
    );
    const buckets = metricsBuckets({ ...query, zone: query.tz });
    const [aggregates, reviews] = await Promise.all([
      this.store.aggregate({
        entityRefs,
        buckets,
        reworkWindowMs: this.reworkWindowDays * 24 * HOUR_MS,
      }),
      this.reviews.completion({ entityRefs, buckets }),
    ]);
    const whole = { start: Date.parse(query.from), end: Date.parse(query.to) };
    const reviewsOfWhole = reviews && {
      required: reviews.reduce((sum, r) => sum + r.required, 0),
      completed: reviews.reduce((sum, r) => sum + r.completed, 0),
    };
    return {
      scope: query.scope,
      from: query.from,
      to: query.to,
      interval: query.interval,
      timeZone: query.tz,
      reworkWindowDays: this.reworkWindowDays,
      measures: MEASURES.map(measure => ({
        ...measure,
        banded: isBanded(measure.id),
        available: measure.id !== 'reviewCompletion' || reviews !== undefined,
      })),
      summary: measureValues(whole, aggregates.whole, reviewsOfWhole),
      series: buckets.map((bucket, i) => ({
        start: new Date(bucket.start).toISOString(),
        end: new Date(bucket.end).toISOString(),
        values: measureValues(bucket, aggregates.series[i], reviews?.[i]),
      })),
    };
  }
}

/** Every measure of one bucket, with its DORA band where there is one. */
function measureValues(
  bucket: MetricsBucket,
  a: BucketAggregates,
  reviews: { required: number; completed: number } | undefined,
): Record<DeliveryMeasure, MeasureValue> {
  const raw: Record<DeliveryMeasure, Omit<MeasureValue, 'band'>> = {
    deploymentFrequency: {
      value: (a.deployments * WEEK) / (bucket.end - bucket.start),
      count: a.deployments,
    },
    changeLeadTime: hours(a.leadTime),
    changeFailRate: share(a.failed, a.deployments),
    recoveryTime: hours(a.recoveryTime),
    reworkRate: share(a.rework, a.deployments),
    timelineAdherence: share(a.onTime, a.deployments),
    cadenceAdherence: share(a.onTrain, a.deployments),
    approvalLeadTime: hours(a.approvalLeadTime),
    reviewCompletion: reviews
      ? share(reviews.completed, reviews.required)
      : { value: null, count: 0 },
  };
  return Object.fromEntries(
    Object.entries(raw).map(([id, value]) => [
      id,
      { ...value, band: isBanded(id) ? doraBand(id, value.value) : null },
    ]),
  ) as Record<DeliveryMeasure, MeasureValue>;
}
