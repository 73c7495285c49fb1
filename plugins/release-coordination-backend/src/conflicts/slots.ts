/** Slots start on the half hour. */
export const SLOT_STEP_MS = 30 * 60_000;

/** The first half hour at or after an instant. */
export function ceilToStep(ms: number): number {
  return Math.ceil(ms / SLOT_STEP_MS) * SLOT_STEP_MS;
}

/**
 * The candidate windows (epoch ms) that overlap none of the busy intervals,
 * earliest first, as slots.
 */
export function freeOf(
  candidates: { start: number; end: number; trainId?: string }[],
  busy: { start: number; end: number }[],
): { start: string; end: string; trainId?: string }[] {
  return candidates
    .filter(c => !busy.some(b => b.start < c.end && c.start < b.end))
    .sort((a, b) => a.start - b.start)
    .map(c => ({
      start: new Date(c.start).toISOString(),
      end: new Date(c.end).toISOString(),
      ...(c.trainId && { trainId: c.trainId }),
    }));
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
