import { Frequency, Options, RRule } from 'rrule';
import { HOUR_MS, DAY_MS } from '../time';

/** The BYxxx parts rrule fills in from DTSTART when a rule leaves them out. */
const DEFAULTED_PARTS = [
  'bymonth',
  'bymonthday',
  'byweekday',
  'byhour',
  'byminute',
  'bysecond',
] as const;

/**
 * The start (epoch ms) of the rule's `k`-th period after the one holding its
 * DTSTART, counted in INTERVALs, at midnight (hourly: at the full hour); or
 * the number of whole periods from that one to `instant` when `k` is omitted.
 * Rules are floating (UTC fields, no DST), so periods are plain arithmetic.
 */
function periods(rule: RRule, instant: Date) {
  const { freq, interval, wkst, dtstart } = rule.options;
  const y = dtstart.getUTCFullYear();
  const m = dtstart.getUTCMonth();
  const day = Date.UTC(y, m, dtstart.getUTCDate());
  const fixed = (origin: number, length: number) => ({
    count: Math.floor((instant.getTime() - origin) / length),
    start: (k: number) => origin + k * length,
  });
  switch (freq) {
    case Frequency.YEARLY:
      return {
        count: Math.floor((instant.getUTCFullYear() - y) / interval),
        start: (k: number) => Date.UTC(y + k * interval, 0, 1),
      };
    case Frequency.MONTHLY:
      return {
        count: Math.floor(
          (instant.getUTCFullYear() * 12 +
            instant.getUTCMonth() -
            (y * 12 + m)) /
            interval,
        ),
        start: (k: number) => Date.UTC(y, m + k * interval, 1),
      };
    case Frequency.WEEKLY: {
      // rrule numbers weekdays from Monday (0); its weeks begin on WKST
      const weekday = (dtstart.getUTCDay() + 6) % 7;
      const weekStart = day - ((weekday - wkst + 7) % 7) * DAY_MS;
      return fixed(weekStart, 7 * DAY_MS * interval);
    }
    case Frequency.DAILY:
      return fixed(day, DAY_MS * interval);
    default:
      return fixed(
        Math.floor(dtstart.getTime() / HOUR_MS) * HOUR_MS,
        HOUR_MS * interval,
      );
  }
}

/**
 * The same rule restarted at the latest of its periods (a year, month, week,
 * day or hour, every INTERVAL) that begins at or before `instant`, so that
 * expanding it around `instant` costs the window, not the distance from the
 * rule's DTSTART. Every BYxxx part rrule would take from DTSTART (month, day
 * of month, weekday, time of day) is made explicit, and whole periods expand
 * alike wherever they start, so it gives the same occurrences from that
 * period on (month ends and 29 February fall out as in the original).
 *
 * The rule itself is returned when it has a COUNT (the count runs from its
 * own DTSTART, and bounds the cost) or when `instant` is in its first period.
 * Only for frequencies up to HOURLY, as freezes and trains allow.
 */
export function ruleStartingNear(rule: RRule, instant: Date): RRule {
  if (rule.options.count) return rule;
  const { count, start } = periods(rule, instant);
  if (count < 1) return rule;
  const explicit: Partial<Options> = { ...rule.origOptions };
  for (const part of DEFAULTED_PARTS) {
    const derived = rule.options[part];
    const given = rule.origOptions[part];
    if ((given === undefined || given === null) && derived?.length) {
      explicit[part] = derived;
    }
  }
  // the time of day comes from the (now explicit) BYxxx parts; rrule keeps
  // DTSTART's milliseconds on every occurrence of daily and longer periods
  const millis =
    rule.options.freq === Frequency.HOURLY
      ? 0
      : rule.options.dtstart.getTime() % 1000;
  return new RRule({ ...explicit, dtstart: new Date(start(count) + millis) });
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Whether an hourly rule ever reaches one of its BYHOUR hours: stepping
 * INTERVAL hours from DTSTART's hour only visits hours congruent to it modulo
 * gcd(INTERVAL, 24), and rrule would search forever for another (e.g.
 * `FREQ=HOURLY;INTERVAL=2;BYHOUR=1` from 10:00). True for other frequencies.
 */
export function hoursReachable(rule: RRule): boolean {
  const { freq, interval, byhour, dtstart } = rule.options;
  if (freq !== Frequency.HOURLY || !byhour?.length) return true;
  const step = gcd(interval, 24);
  const first = dtstart.getUTCHours();
  return byhour.some(hour => (hour - first) % step === 0);
}
