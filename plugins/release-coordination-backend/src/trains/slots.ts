import { Train } from '@internal/plugin-release-coordination-common';
import { DateTime, Duration, Zone } from 'luxon';
import { forEachOccurrence, startMatchesRule } from '../freezes/occurrences';
import { tabledZone } from '../freezes/zoneOffsets';

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
  return slotMaker(train)(start);
}

/**
 * A duration as a function moving an instant (epoch ms) in a zone: hours,
 * minutes and seconds are elapsed time (as luxon adds them), so only days,
 * weeks, months and years need the calendar.
 */
function shifter(
  iso: string,
  zone: Zone,
  sign: 1 | -1,
): (start: number) => number {
  const duration = Duration.fromISO(iso);
  const { years, quarters, months, weeks, days } = duration;
  if (!years && !quarters && !months && !weeks && !days) {
    const ms = sign * duration.toMillis();
    return start => start + ms;
  }
  const signed = sign === 1 ? duration : duration.negate();
  return start => DateTime.fromMillis(start, { zone }).plus(signed).toMillis();
}

/** `slotAt` for many slots of one train: the zone and durations read once. */
function slotMaker(train: TrainTimes): (start: Date) => SlotTimes {
  const zone = tabledZone(train.timezone);
  const end = shifter(train.slotDuration, zone, 1);
  const cutoff = shifter(train.cutoff, zone, -1);
  return start => ({
    start,
    end: new Date(end(start.getTime())),
    cutoffAt: new Date(cutoff(start.getTime())),
  });
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
 * The slots of a train starting in [from, to), in order, at most `limit` of
 * those `keep` accepts. The rule is expanded in the train's zone as freezes
 * are, so a weekly 10:00 Europe/Berlin slot stays at 10:00 local time across
 * DST changes; the expansion stops at the `limit`-th kept slot.
 */
export function slotsBetween(
  train: TrainTimes,
  from: Date,
  to: Date,
  limit = Infinity,
  keep: (slot: SlotTimes) => boolean = () => true,
): SlotTimes[] {
  const slots: SlotTimes[] = [];
  if (limit < 1) return slots;
  const slotStartingAt = slotMaker(train);
  forEachOccurrence(asRecurring(train), from, to, ({ start }) => {
    if (start < from || start >= to) return true;
    const slot = slotStartingAt(start);
    if (keep(slot)) slots.push(slot);
    return slots.length < limit;
  });
  return slots;
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
