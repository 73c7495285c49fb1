import { Knex } from 'knex';
import type { MetricsBucket } from './DatabaseMetricsStore';

/**
 * A SQL expression giving the index of the bucket a time column falls in,
 * as a binary search over the bucket boundaries (nested `CASE`, about
 * log2(buckets) comparisons per row), so a grouped query assigns every row
 * to its bucket in one pass instead of joining rows to a table of buckets.
 * Only meaningful for rows inside the buckets' span, which the caller's
 * `WHERE` must ensure. `toBinding` turns a boundary (epoch ms) into what the
 * column compares with (a `Date` for timestamp columns).
 */
export function bucketIndexSql(
  column: string,
  buckets: MetricsBucket[],
  toBinding: (ms: number) => Knex.Value = ms => ms,
): { sql: string; bindings: Knex.Value[] } {
  const bindings: Knex.Value[] = [];
  const search = (low: number, high: number): string => {
    if (low === high) return String(low);
    const middle = Math.ceil((low + high) / 2);
    bindings.push(toBinding(buckets[middle].start));
    const below = search(low, middle - 1);
    const from = search(middle, high);
    return `CASE WHEN ${column} < ? THEN ${below} ELSE ${from} END`;
  };
  return { sql: search(0, buckets.length - 1), bindings };
}
