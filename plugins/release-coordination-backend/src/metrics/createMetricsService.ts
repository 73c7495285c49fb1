import type { ServiceDependencies } from '../createServices';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { MetricsService } from './MetricsService';

/**
 * The delivery-metrics service, with the rework window of
 * `releaseCoordination.metrics.reworkWindowDays` (14 by default) and review
 * completion from the post-release review store.
 */
export function createMetricsService(
  deps: ServiceDependencies,
  catalog: CatalogModel,
): MetricsService {
  return new MetricsService({
    store: deps.stores.metricsStore,
    catalog,
    reviews: {
      completion: input => deps.stores.reviewStore.countCompletion(input),
    },
    reworkWindowDays: deps.config.getOptionalNumber(
      'releaseCoordination.metrics.reworkWindowDays',
    ),
  });
}
