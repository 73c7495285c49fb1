/** Slots start on the half hour. */
export const SLOT_STEP_MS = 30 * 60_000;

/** The first half hour at or after an instant. */
export function ceilToStep(ms: number): number {
  return Math.ceil(ms / SLOT_STEP_MS) * SLOT_STEP_MS;
}

/**
 * A test of whether a window [start, end) overlaps none of the busy
 * intervals (half-open, in epoch ms), in logarithmic time per window: the
 * intervals sorted by start, with the latest end among each prefix of them.
 */
export function freeOf(
  busy: { start: number; end: number }[],
): (start: number, end: number) => boolean {
  const sorted = busy
    .filter(b => b.end > b.start)
    .sort((a, b) => a.start - b.start);
  const latestEnd: number[] = [];
  for (const b of sorted) {
    latestEnd.push(Math.max(b.end, latestEnd[latestEnd.length - 1] ?? b.end));
  }
  return (start, end) => {
    // how many intervals start before the window ends
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle].start < end) low = middle + 1;
      else high = middle;
    }
    return low === 0 || latestEnd[low - 1] <= start;
  };
}

/**
 * The first `count` windows of `duration` that start on a half hour at or
 * after `after`, end by `horizon` and overlap none of the busy intervals
 * (half-open, in epoch ms). Slots do not overlap each other. The work is
 * bounded by the busy intervals plus the half hours up to the horizon.
 */
export function findSlots(options: {
  after: number;
  horizon: number;
  duration: number;
  count: number;
  busy: { start: number; end: number }[];
}): { start: string; end: string }[] {
  const { horizon, duration, count } = options;
  const busy = options.busy
    .filter(b => b.end > b.start)
    .sort((a, b) => a.start - b.start);
  const slots: { start: string; end: string }[] = [];
  let next = 0; // busy intervals before this index end before the candidate
  let candidate = ceilToStep(options.after);
  while (slots.length < count && candidate + duration <= horizon) {
    while (next < busy.length && busy[next].end <= candidate) next++;
    // the earliest-starting busy interval that still reaches the candidate
    let blockedUntil: number | undefined;
    for (
      let i = next;
      i < busy.length && busy[i].start < candidate + duration;
      i++
    ) {
      if (busy[i].end > candidate) {
        blockedUntil = Math.max(blockedUntil ?? 0, busy[i].end);
      }
    }
    if (blockedUntil === undefined) {
      slots.push({
        start: new Date(candidate).toISOString(),
        end: new Date(candidate + duration).toISOString(),
      });
      candidate = ceilToStep(candidate + duration);
    } else {
      candidate = ceilToStep(blockedUntil);
    }
  }
  return slots;
}
