import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createStores } from '../database/createStores';
import { BucketAggregates } from './DatabaseMetricsStore';
import { metricsBuckets } from './metricsBuckets';
import {
  A,
  B,
  FROM,
  seedMetricsFixture,
  TO,
} from './__testUtils__/metricsFixture';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function setup(id: TestDatabaseId) {
  const knex = await databases.init(id);
  const stores = await createStores(mockServices.database({ knex }));
  await seedMetricsFixture(stores, knex);
  return { knex, stores, store: stores.metricsStore };
}

const none = { medianMs: null, count: 0 };
const median = (hours: number, count: number) => ({
  medianMs: hours * HOUR,
  count,
});
const empty: BucketAggregates = {
  deployments: 0,
  failed: 0,
  rework: 0,
  onTime: 0,
  onTrain: 0,
  leadTime: none,
  recoveryTime: none,
  approvalLeadTime: none,
};

/**
 * Mar 4–9 (cut at the period's start): r1, r2, r3 and r5 released.
 * - failed: r2 (rolled back) and r3 (sev2 issue); r1's sev3 does not count;
 * - rework: r5, a hotfix of B released a day after r2 (within 14 days);
 * - on time: r1 and r5 (r2 started an hour early, r3 released 2 h late);
 * - on a train: r1;
 * - lead times (planned → released): r5 5 h, r2 83 h, r1 108 h (planned
 *   before the period), r3 140 h → median (83 + 108) / 2 = 95.5 h;
 * - recovery: r2 rollback 6th 13:00 → hotfix r5 released 7th 15:00 = 26 h,
 *   r3 issue created 8th 00:00 → resolved 06:00 = 6 h → median 16 h;
 * - approval lead time, anchored on approval inside the bucket: r2 36 h
 *   (approved 4th 12:00), r5 1 h; r1 and r3 were approved before the
 *   period → median 18.5 h.
 */
const FIRST_WEEK: BucketAggregates = {
  deployments: 4,
  failed: 2,
  rework: 1,
  onTime: 2,
  onTrain: 1,
  leadTime: median(95.5, 4),
  recoveryTime: median(16, 2),
  approvalLeadTime: median(18.5, 2),
};

describe.each(databases.eachSupportedId())(
  'delivery metrics store on %p',
  id => {
    it('aggregates each week of the period (UTC) and the whole period', async () => {
      const { store } = await setup(id);
      const buckets = metricsBuckets({
        from: FROM,
        to: TO,
        interval: 'week',
        zone: 'UTC',
      });
      expect(buckets).toEqual([
        { start: Date.parse(FROM), end: Date.parse('2026-03-09T00:00:00Z') },
        {
          start: Date.parse('2026-03-09T00:00:00Z'),
          end: Date.parse('2026-03-16T00:00:00Z'),
        },
        { start: Date.parse('2026-03-16T00:00:00Z'), end: Date.parse(TO) },
      ]);
      const result = await store.aggregate({
        buckets,
        reworkWindowMs: 14 * DAY,
      });
      expect(result.series).toEqual([
        FIRST_WEEK,
        // nothing released; approvals of r4 (48 h) and r10 (10 h)
        { ...empty, approvalLeadTime: median(29, 2) },
        // r4 (239.5 h) and r10 (24 h), both on time; r6 is released after
        // the period's end, r8 was cancelled and r7 is a draft
        {
          ...empty,
          deployments: 2,
          onTime: 2,
          leadTime: median((24 + 239.5) / 2, 2),
        },
      ]);
      // the whole period: six released; lead times 5, 24, 83, 108, 140,
      // 239.5 h; approvals 1, 10, 36, 48 h
      expect(result.whole).toEqual({
        deployments: 6,
        failed: 2,
        rework: 1,
        onTime: 4,
        onTrain: 1,
        leadTime: median(95.5, 6),
        recoveryTime: median(16, 2),
        approvalLeadTime: median(23, 4),
      });
    });

    it('cuts weeks in the requested time zone', async () => {
      const { store } = await setup(id);
      const buckets = metricsBuckets({
        from: FROM,
        to: TO,
        interval: 'week',
        zone: 'America/New_York',
      });
      // Monday 00:00 in New York: EST before March 8th, EDT after
      expect(buckets.map(b => new Date(b.start).toISOString())).toEqual([
        FROM,
        '2026-03-09T04:00:00.000Z',
        '2026-03-16T04:00:00.000Z',
      ]);
      const result = await store.aggregate({
        buckets,
        reworkWindowMs: 14 * DAY,
      });
      expect(result.series.map(r => r.deployments)).toEqual([4, 1, 1]);
      // r10, released at 02:00 UTC on the 16th, falls on Sunday in New York
      expect(result.series[1].leadTime).toEqual(median(24, 1));
      expect(result.series[2].leadTime).toEqual(median(239.5, 1));
    });

    it('counts only the releases of the given entities', async () => {
      const { store } = await setup(id);
      const whole = [{ start: Date.parse(FROM), end: Date.parse(TO) }];
      const { whole: ofA } = await store.aggregate({
        entityRefs: [A],
        buckets: whole,
        reworkWindowMs: 14 * DAY,
      });
      expect(ofA).toEqual({
        ...empty,
        deployments: 2,
        failed: 1,
        onTime: 1,
        onTrain: 1,
        leadTime: median(124, 2),
        recoveryTime: median(6, 1),
      });
      const { whole: ofB } = await store.aggregate({
        entityRefs: [B],
        buckets: whole,
        reworkWindowMs: 0,
      });
      // a window of 0 days: r5 is no longer rework
      expect(ofB).toMatchObject({ deployments: 2, failed: 1, rework: 0 });
      const { whole: ofNothing } = await store.aggregate({
        entityRefs: [],
        buckets: whole,
        reworkWindowMs: DAY,
      });
      expect(ofNothing).toEqual(empty);
    });

    it('answers an empty period with zero counts and no medians', async () => {
      const { store } = await setup(id);
      const result = await store.aggregate({
        buckets: metricsBuckets({
          from: '2026-01-01T00:00:00Z',
          to: '2026-02-01T00:00:00Z',
          interval: 'month',
          zone: 'UTC',
        }),
        reworkWindowMs: DAY,
      });
      expect(result).toEqual({ series: [empty], whole: empty });
    });

    it('keeps the delivery times with each transition stored later', async () => {
      const { stores, store } = await setup(id);
      const r9 = await stores.releaseStore.createRelease(
        {
          ...(await stores.releaseStore.getRelease('r4'))!,
          id: 'r9',
          state: 'in_progress',
        },
        [
          {
            action: 'transitioned',
            actorRef: 'user:default/alice',
            createdAt: '2026-03-17T00:00:00.000Z',
            changes: [{ field: 'state', before: 'draft', after: 'planned' }],
          },
        ],
      );
      await stores.releaseStore.updateRelease({
        id: r9.id,
        revision: r9.revision,
        fields: { state: 'released' },
        event: {
          action: 'transitioned',
          actorRef: 'user:default/alice',
          createdAt: '2026-03-18T12:00:00.000Z',
          changes: [
            { field: 'state', before: 'in_progress', after: 'released' },
          ],
        },
      });
      const {
        series: [week],
      } = await store.aggregate({
        entityRefs: ['component:default/c'],
        buckets: [
          {
            start: Date.parse('2026-03-16T00:00:00Z'),
            end: Date.parse(TO),
          },
        ],
        reworkWindowMs: DAY,
      });
      expect(week.deployments).toBe(2);
      expect(week.leadTime).toEqual(median((36 + 239.5) / 2, 2));
    });
  },
);
