import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createStores } from '../database/createStores';
import { metricsBuckets } from '../metrics/metricsBuckets';
import { seedDemoData } from './seedDemoData';
import { seedDemoMetricsHistory } from './demoMetricsHistory';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('demo delivery history', () => {
  it('gives every delivery measure something to show in each of the past six months, once', async () => {
    const knex = await databases.init('SQLITE_3');
    const stores = await createStores(mockServices.database({ knex }));
    const logger = mockServices.logger.mock();
    await seedDemoData({
      stores,
      config: mockServices.rootConfig({ data: {} }),
      logger,
    });
    expect(await seedDemoMetricsHistory({ stores, logger })).toBe(0);

    const now = Date.now();
    const { series, whole } = await stores.metricsStore.aggregate({
      buckets: metricsBuckets({
        from: new Date(now - 182 * 24 * 3_600_000).toISOString(),
        to: new Date(now).toISOString(),
        interval: 'month',
        zone: 'UTC',
      }),
      reworkWindowMs: 14 * 24 * 3_600_000,
    });
    for (const month of series) {
      expect(month.deployments).toBeGreaterThan(0);
      expect(month.leadTime.count).toBeGreaterThan(0);
      expect(month.approvalLeadTime.count).toBeGreaterThan(0);
    }
    expect(whole.failed).toBeGreaterThan(0);
    expect(whole.recoveryTime.count).toBeGreaterThan(0);
    expect(whole.rework).toBeGreaterThan(0);
    expect(whole.onTrain).toBeGreaterThan(0);
    expect(whole.onTime).toBeGreaterThan(0);
    expect(whole.onTime).toBeLessThan(whole.deployments);
  });
});
