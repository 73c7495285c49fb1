import { Train } from '@internal/plugin-release-coordination-common';
import { DateTime, Duration } from 'luxon';
import { recurrenceInWords } from '../shared/recurrenceText';

/**
 * The cadence of an RRULE value in words, by `rrule` (e.g.
 * `FREQ=WEEKLY;INTERVAL=2;BYDAY=TU` → `every 2 weeks on Tuesday`); the rule
 * itself when it cannot be put into words fully. The backend validated it.
 */
export function describeRrule(rrule: string): string {
  return recurrenceInWords(rrule) ?? rrule;
}

/** A train's cadence in words with its time of day and zone. */
export function describeCadence(train: Train): string {
  const start = DateTime.fromISO(train.start, { zone: train.timezone });
  const time = start.isValid ? ` at ${start.toFormat('HH:mm')}` : '';
  return `${describeRrule(train.rrule)}${time} (${train.timezone})`;
}

/** An ISO 8601 duration in words, e.g. `PT2H` → `2 hours`; the text itself when it is not one. */
export function describeDuration(iso: string): string {
  const duration = Duration.fromISO(iso);
  if (!duration.isValid) return iso;
  const units = Object.entries(duration.toObject()).filter(([, v]) => v);
  if (units.length === 0) return iso;
  return Duration.fromObject(Object.fromEntries(units)).toHuman({
    listStyle: 'long',
  });
}
