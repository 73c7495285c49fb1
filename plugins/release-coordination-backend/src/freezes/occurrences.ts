import { Freeze } from '@internal/plugin-release-coordination-common';
import { RRule } from 'rrule';
import { hoursReachable, ruleStartingNear } from './ruleStartingNear';
import { zoneOffset } from './zoneOffsets';
import { MINUTE_MS, DAY_MS } from '../time';

/** One occurrence of a freeze: a half-open interval [start, end) in UTC. */
export interface Occurrence {
  start: Date;
  end: Date;
}

/** Most occurrences one expansion returns, a guard against runaway rules. */
export const MAX_OCCURRENCES = 10_000;

type Recurring = Pick<Freeze, 'start' | 'end' | 'recurrence'>;

/**
 * The wall-clock fields of an instant in a zone, as a UTC `Date` ("floating"
 * time): rrule expands in UTC, which has no DST, so rules stay on local time.
 */
function toFloating(instant: Date, zone: string): Date {
  const ms = instant.getTime();
  return new Date(ms + zoneOffset(zone, ms) * MINUTE_MS);
}

/**
 * The real instant of a floating wall-clock time in a zone: luxon's own
 * offset correction (as in `DateTime.fromObject`), started from the zone's
 * offset at the floating time itself, so the answer does not depend on
 * today's offset. A time in a DST gap moves forward; a time that happens
 * twice (autumn) takes the offset in force at that wall time read as UTC:
 * the later of the two east of Greenwich (Europe), the earlier west of it
 * (the Americas). Offsets come from the per-day table of `zoneOffset`, and
 * every occurrence needs two.
 */
function fromFloating(floating: Date, zone: string): Date {
  const local = floating.getTime();
  const offset = zoneOffset(zone, local);
  let guess = local - offset * MINUTE_MS;
  const second = zoneOffset(zone, guess);
  if (second === offset) return new Date(guess);
  guess -= (second - offset) * MINUTE_MS;
  const third = zoneOffset(zone, guess);
  if (second === third) return new Date(guess);
  return new Date(local - Math.min(second, third) * MINUTE_MS);
}

function ruleOf(freeze: Recurring) {
  const { rrule, timezone } = freeze.recurrence!;
  const start = new Date(freeze.start);
  const floatingStart = toFloating(start, timezone);
  const rule = new RRule({
    ...RRule.parseString(rrule),
    dtstart: floatingStart,
  });
  // every occurrence keeps the wall-clock length of the first, so
  // "Friday 16:00 to Monday 08:00" ends at 08:00 even across a DST change
  const wallDuration =
    toFloating(new Date(freeze.end), timezone).getTime() -
    floatingStart.getTime();
  return { rule, timezone, floatingStart, wallDuration };
}

/** 400 Gregorian years: after them dates fall on the same weekdays and leap days again. */
const CALENDAR_CYCLE_MS = 146_097 * DAY_MS;
/** rrule gives up after its MAXYEAR, 9999: no year beyond it is searched. */
const AFTER_LAST_YEAR = 10_000;

/**
 * Whether `start` is itself an occurrence of the freeze's rule, as RFC 5545
 * expects of DTSTART (the rrule library would silently skip it otherwise).
 *
 * rrule searches period after period (to the year 9999) for an occurrence,
 * so a rule that never occurs (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30`) would
 * cost seconds. Only the first period (the year, month, week, day or hour
 * holding `start`) can hold it, so the rule is evaluated whole 400-year
 * cycles later, past 9999, where rrule stops after that period: the same
 * calendar, a bounded search. (BYEASTER, outside RFC 5545, does not repeat
 * in 400 years and is searched where it is.)
 */
export function startMatchesRule(freeze: Recurring): boolean {
  const { rule, floatingStart } = ruleOf(freeze);
  if (!hoursReachable(rule)) return false;
  const cycles =
    rule.options.byeaster === null
      ? Math.max(
          0,
          Math.ceil((AFTER_LAST_YEAR - floatingStart.getUTCFullYear()) / 400),
        )
      : 0;
  const start = new Date(floatingStart.getTime() + cycles * CALENDAR_CYCLE_MS);
  const first = new RRule({ ...rule.origOptions, dtstart: start }).after(
    start,
    true,
  );
  return first?.getTime() === start.getTime();
}

/**
 * Calls `visit` with the occurrences of a freeze that overlap [from, to), in
 * order, until it returns false: one for a one-off freeze; for a recurring
 * one, the rule expanded in its time zone minus exception dates and
 * occurrences after `until`. Nothing reaches beyond `endedAt`: later
 * occurrences are dropped and a running one is cut short. Occurrences are
 * made one at a time while rrule iterates, so stopping early saves the rest.
 */
export function forEachOccurrence(
  freeze: Pick<Freeze, 'start' | 'end' | 'recurrence' | 'endedAt'>,
  from: Date,
  to: Date,
  visit: (occurrence: Occurrence) => boolean,
): void {
  const endedAt = freeze.endedAt ? new Date(freeze.endedAt) : undefined;
  const cut = (occurrence: Occurrence): Occurrence | undefined => {
    if (!endedAt) return occurrence;
    if (occurrence.start >= endedAt) return undefined;
    return occurrence.end > endedAt
      ? { start: occurrence.start, end: endedAt }
      : occurrence;
  };
  const overlaps = (o: Occurrence) => o.start < to && o.end > from;

  if (!freeze.recurrence) {
    const single = cut({
      start: new Date(freeze.start),
      end: new Date(freeze.end),
    });
    if (single && overlaps(single)) visit(single);
    return;
  }

  const { rule, timezone, wallDuration } = ruleOf(freeze);
  if (!hoursReachable(rule)) return;
  const until = freeze.recurrence.until
    ? new Date(freeze.recurrence.until).getTime()
    : Infinity;
  const exdates = new Set(
    freeze.recurrence.exdates.map(date => Date.parse(date)),
  );
  // a day of slack on each side covers any UTC offset; exact filtering follows
  const floatingFrom = new Date(
    toFloating(from, timezone).getTime() - wallDuration - DAY_MS,
  );
  const floatingTo = new Date(toFloating(to, timezone).getTime() + DAY_MS);
  // started near the window, the expansion costs the window, not the years before it
  ruleStartingNear(rule, floatingFrom).between(
    floatingFrom,
    floatingTo,
    true,
    (floating, index) => {
      if (index >= MAX_OCCURRENCES) return false;
      const start = fromFloating(floating, timezone);
      if (start.getTime() > until || exdates.has(start.getTime())) return true;
      const end = fromFloating(
        new Date(floating.getTime() + wallDuration),
        timezone,
      );
      const occurrence = cut({ start, end });
      return !occurrence || !overlaps(occurrence) || visit(occurrence);
    },
  );
}

/**
 * The occurrences of a freeze that overlap [from, to), in order (see
 * `forEachOccurrence`), stopping after `limit` of them that start at or
 * after `from`.
 */
export function expandOccurrences(
  freeze: Pick<Freeze, 'start' | 'end' | 'recurrence' | 'endedAt'>,
  from: Date,
  to: Date,
  limit = Infinity,
): Occurrence[] {
  const occurrences: Occurrence[] = [];
  let counted = 0; // occurrences starting at or after `from`
  forEachOccurrence(freeze, from, to, occurrence => {
    occurrences.push(occurrence);
    if (occurrence.start >= from) counted += 1;
    return counted < limit;
  });
  return occurrences;
}

/**
 * The latest instant any occurrence of the freeze can reach, or undefined if
 * it recurs without end; stored to find the freezes of a range quickly. Errs
 * late, never early.
 */
export function lastEndOf(
  freeze: Pick<Freeze, 'start' | 'end' | 'recurrence' | 'endedAt'>,
): Date | undefined {
  const endedAt = freeze.endedAt ? new Date(freeze.endedAt) : undefined;
  const min = (a: Date | undefined) =>
    a && endedAt ? new Date(Math.min(+a, +endedAt)) : a ?? endedAt;
  if (!freeze.recurrence) {
    return min(new Date(freeze.end));
  }
  const { rule, wallDuration } = ruleOf(freeze);
  // generous slack for offsets and DST: two days past the wall-clock length
  const slack = wallDuration + 2 * DAY_MS;
  let last: number | undefined;
  if (freeze.recurrence.until) {
    last = Date.parse(freeze.recurrence.until) + slack;
  }
  if (rule.options.count) {
    const all = hoursReachable(rule)
      ? rule.all((_date, index) => index < MAX_OCCURRENCES)
      : [];
    if (all.length < MAX_OCCURRENCES && all.length > 0) {
      // floating times differ from real ones by at most a day
      const byCount = all[all.length - 1].getTime() + slack;
      last = last === undefined ? byCount : Math.min(last, byCount);
    } else if (all.length === 0) {
      last = Date.parse(freeze.end);
    }
  }
  return min(last === undefined ? undefined : new Date(last));
}
