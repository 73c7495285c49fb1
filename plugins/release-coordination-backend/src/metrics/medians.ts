import type { MedianDuration } from './DatabaseMetricsStore';

/** The index of the whole period among the buckets of the medians. */
export const WHOLE = -1;

/** The median of ascending values: the middle one, or the mean of the two middle ones. */
function medianOfSorted(sorted: Float64Array): MedianDuration {
  const n = sorted.length;
  if (n === 0) return { medianMs: null, count: 0 };
  return { medianMs: sorted[n >> 1], count: n };
}

/** Lists of numbers as one sorted array. */
function sortedOf(lists: number[][]): Float64Array {
  const sorted = new Float64Array(lists.reduce((n, l) => n + l.length, 0));
  let offset = 0;
  for (const list of lists) {
    sorted.set(list, offset);
    offset += list.length;
  }
  return sorted.sort();
}

/**
 * The median of each measure per bucket and over all buckets ({@link WHOLE}),
 * keyed `measure:bucket`, from lists of durations per measure and bucket (in
 * any order; several lists of one bucket add up), each bucket's sorted
 * once. For databases without `percentile_cont` (SQLite).
 */
export function mediansOf(
  groups: Iterable<{ measure: string; idx: number; values: number[] }>,
): Map<string, MedianDuration> {
  const lists = new Map<string, number[][]>();
  const add = (key: string, values: number[]) =>
    lists.set(key, [...(lists.get(key) ?? []), values]);
  for (const { measure, idx, values } of groups) {
    add(`${measure}:${idx}`, values);
    add(`${measure}:${WHOLE}`, values);
  }
  return new Map(
    [...lists].map(([key, values]) => [key, medianOfSorted(sortedOf(values))]),
  );
}
