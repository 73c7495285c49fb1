import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  DEFAULT_TIME_HORIZON,
  metricsQuerySchema,
  TimeHorizon,
} from '@internal/plugin-release-coordination-common';
import { Router } from 'express';
import { metricsToCsv } from '../metrics/metricsCsv';
import { MetricsService } from '../metrics/MetricsService';
import { parseInput } from './http';

/**
 * Adds `GET /metrics`: the delivery metrics of a scope over a period, as
 * JSON or (`format=csv`) as a CSV download; needs a user.
 *
 * @public
 */
export function addMetricsRoutes(
  router: Router,
  options: {
    metrics: MetricsService;
    httpAuth: HttpAuthService;
    timeHorizon?: TimeHorizon;
  },
) {
  const { metrics, httpAuth } = options;
  const querySchema = metricsQuerySchema(
    options.timeHorizon ?? DEFAULT_TIME_HORIZON,
  );
  router.get('/metrics', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { format, ...query } = parseInput(querySchema, req.query);
    const result = await metrics.getMetrics(query, credentials);
    if (format === 'json') {
      res.json(result);
      return;
    }
    const name = `delivery-metrics-${query.scope.replace(/[^a-z0-9-]+/g, '-')}`;
    res.type('text/csv').attachment(`${name}.csv`).send(metricsToCsv(result));
  });
}
