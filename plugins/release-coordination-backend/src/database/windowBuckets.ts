import { Knex } from 'knex';
import { HOUR_MS } from '../time';

/**
 * Upper bounds of window lengths in hours (a day, a week, 30 and 90 days),
 * as stored in `window_bucket` (migration 202611262030_release_window_buckets).
 * Longer windows store their own length rounded up, beyond the last bucket.
 */
export const WINDOW_BUCKETS_HOURS = [24, 168, 720, 2160] as const;

const LAST_BUCKET = WINDOW_BUCKETS_HOURS[WINDOW_BUCKETS_HOURS.length - 1];

/** The `window_bucket` of a window: the smallest bucket its length fits in. */
export function windowBucket(window: { start: string; end: string }): number {
  const hours = (Date.parse(window.end) - Date.parse(window.start)) / HOUR_MS;
  return (
    WINDOW_BUCKETS_HOURS.find(bucket => hours <= bucket) ?? Math.ceil(hours)
  );
}

/**
 * The conditions selecting the rows of `table` whose window overlaps
 * [from, to] (`window_end >= from AND window_start <= to`), one per bucket:
 * in each, `window_start` is also bounded from below by `from` minus the
 * bucket's length, so that it is one range of a (bucket, start) index and
 * reads only windows that can still reach `from`. Windows longer than every
 * bucket are bounded by `to` only. Together they select exactly the
 * overlapping rows, each row in one of them.
 */
export function windowBranches(
  table: string,
  range: { from: Date; to?: Date },
): ((query: Knex.QueryBuilder) => void)[] {
  const { from, to } = range;
  const column = (name: string) => `${table}.${name}`;
  const bounded = (query: Knex.QueryBuilder) => {
    query.where(column('window_end'), '>=', from);
    if (to) query.where(column('window_start'), '<=', to);
  };
  return [
    ...WINDOW_BUCKETS_HOURS.map(bucket => (query: Knex.QueryBuilder) => {
      query
        .where(column('window_bucket'), bucket)
        .where(
          column('window_start'),
          '>=',
          new Date(from.getTime() - bucket * HOUR_MS),
        );
      bounded(query);
    }),
    (query: Knex.QueryBuilder) => {
      query.where(column('window_bucket'), '>', LAST_BUCKET);
      bounded(query);
    },
  ];
}

/**
 * Restricts a query to rows of `table` whose window overlaps [from, to]
 * (either end optional), through `windowBranches` when `from` is given.
 */
export function whereWindowOverlaps(
  query: Knex.QueryBuilder,
  table: string,
  range: { from?: Date; to?: Date },
) {
  const { from, to } = range;
  if (!from) {
    if (to) query.where(`${table}.window_start`, '<=', to);
    return;
  }
  query.where(branches => {
    for (const branch of windowBranches(table, { from, to })) {
      branches.orWhere(branch);
    }
  });
}
