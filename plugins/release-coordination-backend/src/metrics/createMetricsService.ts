import type { ServiceDependencies } from '../createServices';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { MetricsService } from './MetricsService';

/**
 * The delivery-metrics service, with the rework window of
 * `releaseCoordination.metrics.reworkWindowDays` (14 by default).
 */
export function createMetricsService(
  deps: ServiceDependencies,
  catalog: CatalogModel,
): MetricsService {
  return new MetricsService({
    store: deps.stores.metricsStore,
    catalog,
    reworkWindowDays: deps.config.getOptionalNumber(
      'releaseCoordination.metrics.reworkWindowDays',
    ),
  });
}
