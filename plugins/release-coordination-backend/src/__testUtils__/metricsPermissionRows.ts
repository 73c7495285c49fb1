/*
 * Test-only: the permission-matrix rows of the delivery-metrics operations
 * and the fixtures that prepare their requests (see permissionMatrix.ts).
 */
import type { PermissionMatrixRow } from './permissionMatrix';
import { everyone } from './matrixExpectations';

/** The rows of the delivery-metrics operations. */
export const METRICS_PERMISSION_ROWS: readonly PermissionMatrixRow[] = [
  {
    operationId: 'GetDeliveryMetrics',
    method: 'GET',
    path: '/metrics',
    case: 'organisation',
    expected: everyone(200),
  },
  {
    operationId: 'GetDeliveryMetrics',
    method: 'GET',
    path: '/metrics',
    case: 'system checkout, as CSV',
    expected: everyone(200),
  },
];

const DAY = 24 * 3_600_000;
const lastQuarter = () => ({
  from: new Date(Date.now() - 90 * DAY).toISOString(),
  to: new Date(Date.now()).toISOString(),
});

/** The fixtures of {@link METRICS_PERMISSION_ROWS}, by row key. */
export function metricsFixtures() {
  return {
    'GetDeliveryMetrics (organisation)': async () => ({
      query: { scope: 'organisation', ...lastQuarter() },
    }),
    'GetDeliveryMetrics (system checkout, as CSV)': async () => ({
      query: {
        scope: 'system:default/checkout',
        format: 'csv',
        interval: 'month',
        ...lastQuarter(),
      },
    }),
  };
}
