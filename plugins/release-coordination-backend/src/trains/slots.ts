import { Train } from '@internal/plugin-release-coordination-common';
import { DateTime, Duration } from 'luxon';
import { expandOccurrences, startMatchesRule } from '../freezes/occurrences';

/** The times of one slot of a train, in UTC. */
export interface SlotTimes {
  start: Date;
  end: Date;
  cutoffAt: Date;
}

type TrainTimes = Pick<
  Train,
  'rrule' | 'timezone' | 'start' | 'slotDuration' | 'cutoff'
>;

/**
 * The slot of a train starting at `start`: it ends `slotDuration` later and
 * closes for bookings `cutoff` before, both counted in the train's zone (so
 * `P2D` is two calendar days, also across a DST change).
 */
export function slotAt(train: TrainTimes, start: Date): SlotTimes {
  const local = DateTime.fromJSDate(start, { zone: train.timezone });
  return {
    start,
    end: local.plus(Duration.fromISO(train.slotDuration)).toJSDate(),
    cutoffAt: local.minus(Duration.fromISO(train.cutoff)).toJSDate(),
  };
}

/** The train's rule as the recurrence of its first slot, for the freeze expansion. */
function asRecurring(train: TrainTimes) {
  return {
    start: train.start,
    end: slotAt(train, new Date(train.start)).end.toISOString(),
    recurrence: { rrule: train.rrule, timezone: train.timezone, exdates: [] },
  };
}

/**
 * The slots of a train starting in [from, to), in order, at most `limit`. The
 * rule is expanded in the train's zone as freezes are, so a weekly 10:00
 * Europe/Berlin slot stays at 10:00 local time across DST changes.
 */
export function slotsBetween(
  train: TrainTimes,
  from: Date,
  to: Date,
  limit = Infinity,
): SlotTimes[] {
  return expandOccurrences(asRecurring(train), from, to, limit)
    .filter(({ start }) => start >= from && start < to)
    .slice(0, limit)
    .map(({ start }) => slotAt(train, start));
}

/** Whether `start` is a slot of the train. */
export function isSlotStart(train: TrainTimes, start: Date): boolean {
  return (
    slotsBetween(train, start, new Date(start.getTime() + 1), 1).length === 1
  );
}

/** Whether the train's `start` is itself an occurrence of its rule (as DTSTART must be). */
export function trainStartMatchesRule(train: TrainTimes): boolean {
  return startMatchesRule(asRecurring(train));
}
