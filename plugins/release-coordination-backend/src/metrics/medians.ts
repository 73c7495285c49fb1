import type { MedianDuration } from './DatabaseMetricsStore';

/** The index of the whole period among the buckets of the medians. */
export const WHOLE = -1;

/**
 * Reorders `values` so that the value at `k` is the one a sort would put
 * there, smaller or equal ones before it and greater or equal ones after
 * (Hoare's selection, linear on average).
 */
function select(values: Float64Array, k: number): void {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1];
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        [values[i], values[j]] = [values[j], values[i]];
        i++;
        j--;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else return;
  }
}

/** The middle value, or the mean of the two middle ones; reorders `values`. */
export function medianOf(values: Float64Array): MedianDuration {
  const n = values.length;
  if (n === 0) return { medianMs: null, count: 0 };
  const lower = (n - 1) >> 1;
  select(values, lower);
  let upper = values[lower];
  if (n % 2 === 0) {
    upper = Infinity;
    for (let i = lower + 1; i < n; i++) upper = Math.min(upper, values[i]);
  }
  return { medianMs: (values[lower] + upper) / 2, count: n };
}

/** Lists of numbers as one array. */
function joined(lists: number[][]): Float64Array {
  const all = new Float64Array(lists.reduce((n, l) => n + l.length, 0));
  let offset = 0;
  for (const list of lists) {
    all.set(list, offset);
    offset += list.length;
  }
  return all;
}

/**
 * The median of each measure per bucket and over all buckets ({@link WHOLE}),
 * keyed `measure:bucket`, from lists of durations per measure and bucket (in
 * any order; several lists of one bucket add up), by selection rather than
 * sorting.
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
    [...lists].map(([key, values]) => [key, medianOf(joined(values))]),
  );
}
