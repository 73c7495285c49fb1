import { Train } from '@internal/plugin-release-coordination-common';
import { DateTime, Duration } from 'luxon';

const DAYS: Record<string, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
const UNITS: Record<string, [string, string]> = {
  DAILY: ['day', 'days'],
  WEEKLY: ['week', 'weeks'],
  MONTHLY: ['month', 'months'],
  YEARLY: ['year', 'years'],
};
const ORDINALS: Record<string, string> = {
  '1': 'first',
  '2': 'second',
  '3': 'third',
  '4': 'fourth',
  '-1': 'last',
};

function ordinalDay(value: string): string | undefined {
  const match = /^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(value);
  if (!match) return undefined;
  const [, n, day] = match;
  if (!n) return DAYS[day];
  const ordinal = ORDINALS[n.replace('+', '')];
  return ordinal ? `the ${ordinal} ${DAYS[day]}` : undefined;
}

function list(items: string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The cadence of an RRULE value in words for the common train rules (e.g.
 * `FREQ=WEEKLY;INTERVAL=2;BYDAY=TU` → `every 2 weeks on Tuesday`); the rule
 * itself for anything it does not know. The backend validated it already.
 */
export function describeRrule(rrule: string): string {
  const parts = new Map<string, string>();
  for (const part of rrule.replace(/^RRULE:/i, '').split(';')) {
    const [key, value] = part.split('=');
    if (key && value) parts.set(key.toUpperCase(), value.toUpperCase());
  }
  const unit = UNITS[parts.get('FREQ') ?? ''];
  const known = new Set([
    'FREQ',
    'INTERVAL',
    'BYDAY',
    'BYMONTHDAY',
    'COUNT',
    'UNTIL',
    'WKST',
  ]);
  if (!unit || [...parts.keys()].some(k => !known.has(k))) return rrule;
  const interval = Number(parts.get('INTERVAL') ?? '1');
  let text = interval > 1 ? `every ${interval} ${unit[1]}` : `every ${unit[0]}`;
  const byDay = parts.get('BYDAY');
  if (byDay) {
    const days = byDay.split(',').map(ordinalDay);
    if (days.some(d => !d)) return rrule;
    text += ` on ${list(days as string[])}`;
  }
  const byMonthDay = parts.get('BYMONTHDAY');
  if (byMonthDay) {
    text += ` on day ${list(byMonthDay.split(','))}`;
  }
  const count = parts.get('COUNT');
  if (count) text += `, ${count} times`;
  const until = parts.get('UNTIL');
  if (until) {
    const date = DateTime.fromISO(until.replace(/Z$/, ''), { zone: 'utc' });
    text += ` until ${date.isValid ? date.toISODate() : until}`;
  }
  return text;
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
