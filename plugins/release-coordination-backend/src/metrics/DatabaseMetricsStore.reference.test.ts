import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { Knex } from 'knex';
import { createStores } from '../database/createStores';
import {
  BucketAggregates,
  MedianDuration,
  MetricsBucket,
  MetricsFilter,
} from './DatabaseMetricsStore';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const HOUR = 3_600_000;
const BASE = Date.UTC(2026, 2, 1);
const REFS = ['component:default/a', 'component:default/b', 'system:default/s'];

/** A delivery row as the event path keeps it, with the release's entities. */
interface DeliveryRow {
  release_id: string;
  planned_at: number | null;
  approved_at: number | null;
  started_at: number | null;
  released_at: number | null;
  rollback_at: number | null;
  window_start: number | null;
  window_end: number | null;
  hotfix: boolean;
  on_train: boolean;
  previous_release_at: number | null;
  refs: string[];
}

interface IssueRow {
  release: number;
  severity: string;
  resolved: boolean;
  created_at: number;
  status_since: number;
}

interface History {
  rows: DeliveryRow[];
  issues: IssueRow[];
  /** [hotfix, of release] indexes into `rows`. */
  hotfixes: Array<[number, number]>;
}

/** On a coarse grid of hours over three weeks, so equal times and durations are common. */
const time = fc.integer({ min: 0, max: 21 * 24 }).map(h => BASE + h * HOUR);
const maybe = fc.option(time, { nil: null, freq: 2 });

const deliveryRow = fc.record({
  planned_at: maybe,
  approved_at: maybe,
  started_at: maybe,
  released_at: maybe,
  rollback_at: maybe,
  window_start: maybe,
  window_end: maybe,
  hotfix: fc.boolean(),
  on_train: fc.boolean(),
  previous_release_at: maybe,
  refs: fc.subarray(REFS),
});

const history: fc.Arbitrary<History> = fc
  .array(deliveryRow, { maxLength: 40 })
  .chain(rows => {
    const index = fc.nat({ max: Math.max(0, rows.length - 1) });
    return fc.record({
      rows: fc.constant(
        rows.map((row, i) => ({ ...row, release_id: `r${i}` })),
      ),
      issues: rows.length
        ? fc.array(
            fc.record({
              release: index,
              severity: fc.constantFrom('sev1', 'sev2', 'sev3', 'sev4'),
              resolved: fc.boolean(),
              created_at: time,
              status_since: time,
            }),
            { maxLength: 20 },
          )
        : fc.constant([]),
      hotfixes: rows.length
        ? fc.uniqueArray(fc.tuple(index, index), {
            maxLength: 8,
            // a hotfix follows up one release
            selector: ([hotfix]) => hotfix,
          })
        : fc.constant([]),
    });
  });

/** Consecutive buckets over two weeks, cut at random hours. */
const buckets: fc.Arbitrary<MetricsBucket[]> = fc
  .uniqueArray(fc.integer({ min: 1, max: 14 * 24 - 1 }), { maxLength: 8 })
  .map(cuts => {
    const start = BASE + 3 * 24 * HOUR;
    const edges = [0, ...cuts.sort((a, b) => a - b), 14 * 24].map(
      h => start + h * HOUR,
    );
    return edges.slice(1).map((end, i) => ({ start: edges[i], end }));
  });

const filter: fc.Arbitrary<MetricsFilter> = fc.record({
  entityRefs: fc.option(fc.subarray([...REFS, 'component:default/other']), {
    nil: undefined,
  }),
  buckets,
  reworkWindowMs: fc.integer({ min: 0, max: 72 }).map(h => h * HOUR),
});

function median(values: number[]): MedianDuration {
  if (values.length === 0) return { medianMs: null, count: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    medianMs: (sorted[Math.floor((n - 1) / 2)] + sorted[Math.floor(n / 2)]) / 2,
    count: n,
  };
}

/**
 * The aggregates of `[start, end)` computed the plain way: every row of the
 * history looked at, one by one.
 */
function reference(
  { rows, issues, hotfixes }: History,
  { entityRefs, reworkWindowMs }: MetricsFilter,
  { start, end }: MetricsBucket,
): BucketAggregates {
  const inScope = (row: DeliveryRow) =>
    !entityRefs || row.refs.some(ref => entityRefs.includes(ref));
  const within = (at: number | null) => at !== null && at >= start && at < end;
  const deployed = rows.filter(r => inScope(r) && within(r.released_at));
  const severe = (i: number) =>
    issues.filter(
      x => x.release === i && ['sev1', 'sev2'].includes(x.severity),
    );
  const failed = (row: DeliveryRow) =>
    row.rollback_at !== null || severe(rows.indexOf(row)).length > 0;
  const recovery = (row: DeliveryRow): number | null => {
    const i = rows.indexOf(row);
    const hotfixReleases = hotfixes
      .filter(([, of]) => of === i)
      .map(([hotfix]) => rows[hotfix].released_at)
      .filter((at): at is number => at !== null);
    const found = severe(i);
    const resolvedAt =
      found.length && found.every(x => x.resolved)
        ? Math.max(...found.map(x => x.status_since))
        : null;
    const recovered = hotfixReleases.length
      ? Math.min(...hotfixReleases)
      : resolvedAt;
    const began = row.rollback_at ?? Math.min(...found.map(x => x.created_at));
    return recovered === null ? null : recovered - began;
  };
  const count = (test: (row: DeliveryRow) => boolean) =>
    deployed.filter(test).length;
  return {
    deployments: deployed.length,
    failed: count(failed),
    rework: count(
      r =>
        r.previous_release_at !== null &&
        r.previous_release_at >= r.released_at! - reworkWindowMs,
    ),
    onTime: count(
      r =>
        r.started_at !== null &&
        r.window_start !== null &&
        r.window_end !== null &&
        r.started_at >= r.window_start &&
        r.released_at! <= r.window_end,
    ),
    onTrain: count(r => r.on_train),
    leadTime: median(
      deployed
        .filter(r => r.planned_at !== null)
        .map(r => r.released_at! - r.planned_at!),
    ),
    recoveryTime: median(
      deployed
        .filter(failed)
        .map(recovery)
        .filter((v): v is number => v !== null),
    ),
    approvalLeadTime: median(
      rows
        .filter(
          r => inScope(r) && within(r.approved_at) && r.planned_at !== null,
        )
        .map(r => r.approved_at! - r.planned_at!),
    ),
  };
}

/** Replaces the database's releases with the history's. */
async function store(knex: Knex, { rows, issues, hotfixes }: History) {
  for (const table of [
    'release_hotfixes',
    'release_issues',
    'release_delivery_entities',
    'release_delivery_times',
    'releases',
  ]) {
    await knex(table).delete();
  }
  if (rows.length === 0) return;
  const at = new Date(BASE);
  await knex('releases').insert(
    rows.map(row => ({
      id: row.release_id,
      title: row.release_id,
      version: '1.0.0',
      type: row.hotfix ? 'hotfix' : 'normal',
      state: 'released',
      window_start: at,
      window_end: at,
      owner_ref: 'group:default/team',
      description: '',
      changes: '[]',
      created_by: 'user:default/alice',
      created_at: at,
      updated_at: at,
      revision: 1,
    })),
  );
  const times = rows.map(({ refs, ...row }) => row);
  await knex('release_delivery_times').insert(times);
  // each entity row carries its release's times, as the event path keeps them
  const entities = rows.flatMap(({ refs, hotfix, ...row }) =>
    refs.map(ref => ({ ...row, entity_ref: ref })),
  );
  if (entities.length) {
    await knex('release_delivery_entities').insert(entities);
  }
  for (const [i, issue] of issues.entries()) {
    await knex('release_issues').insert({
      id: `i${i}`,
      release_id: rows[issue.release].release_id,
      title: `Issue ${i}`,
      severity: issue.severity,
      status: issue.resolved ? 'resolved' : 'open',
      owner_ref: 'user:default/alice',
      links: '[]',
      created_by: 'user:default/alice',
      created_at: new Date(issue.created_at),
      updated_at: new Date(issue.created_at),
      status_since: new Date(issue.status_since),
      revision: 1,
    });
  }
  for (const [hotfix, of] of hotfixes) {
    await knex('release_hotfixes').insert({
      hotfix_id: rows[hotfix].release_id,
      of_release_id: rows[of].release_id,
      created_at: at,
    });
  }
}

async function setup(id: TestDatabaseId) {
  const knex = await databases.init(id);
  const stores = await createStores(mockServices.database({ knex }));
  return { knex, store: stores.metricsStore };
}

describe.each(databases.eachSupportedId())(
  'delivery metrics store on %p',
  id => {
    it('computes what a row-by-row reference computes, on random histories', async () => {
      const { knex, store: metrics } = await setup(id);
      await fc.assert(
        fc.asyncProperty(history, filter, async (data, query) => {
          await store(knex, data);
          const result = await metrics.aggregate(query);
          expect(result.series).toEqual(
            query.buckets.map(bucket => reference(data, query, bucket)),
          );
          expect(result.whole).toEqual(
            reference(data, query, {
              start: query.buckets[0].start,
              end: query.buckets[query.buckets.length - 1].end,
            }),
          );
        }),
        { numRuns: 60 },
      );
    });
  },
);
