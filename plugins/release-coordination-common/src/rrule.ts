import { Frequency, Options as RRuleOptions, RRule, rrulestr } from 'rrule';

/** Most occurrences a rule may count (`COUNT`); leave COUNT out for no end. @public */
export const MAX_RRULE_COUNT = 5000;

/**
 * The rule parts of RFC 5545 §3.3.10 a freeze or train may use. UNTIL is
 * refused with its own message; the rrule library's extensions (BYEASTER,
 * BYWEEKDAY, …) are not iCalendar and would make the feed invalid.
 */
const RFC_PARTS = new Set([
  'FREQ',
  'COUNT',
  'INTERVAL',
  'BYSECOND',
  'BYMINUTE',
  'BYHOUR',
  'BYDAY',
  'BYMONTHDAY',
  'BYYEARDAY',
  'BYWEEKNO',
  'BYMONTH',
  'BYSETPOS',
  'WKST',
]);

const RRULE_NUMBER_RANGES: Partial<
  Record<keyof RRuleOptions, [min: number, max: number, zeroAllowed: boolean]>
> = {
  bysetpos: [-366, 366, false],
  bymonth: [1, 12, false],
  bymonthday: [-31, 31, false],
  byyearday: [-366, 366, false],
  byweekno: [-53, 53, false],
  byhour: [0, 23, true],
  byminute: [0, 59, true],
  bysecond: [0, 60, true],
};

/** Which parts a rule names, or why it cannot be split into `NAME=value` parts. */
function partNames(value: string): string[] | string {
  const names = value.split(';').map(part => part.split('=')[0].trim());
  const unknown = names.find(name => !RFC_PARTS.has(name) && name !== 'UNTIL');
  if (unknown !== undefined) {
    return `not a valid RFC 5545 RRULE: unknown rule part "${unknown}"`;
  }
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated) return `${repeated} may be given only once`;
  return names;
}

/** The combinations of parts RFC 5545 §3.3.10 forbids, for a parsed rule. */
function combinationProblem(
  options: Partial<RRuleOptions>,
  names: string[],
): string | undefined {
  const { freq } = options;
  const has = (name: string) => names.includes(name);
  const weekdays = options.byweekday;
  const numberedDay = (Array.isArray(weekdays) ? weekdays : [weekdays]).some(
    day => typeof day === 'object' && day !== null && day.n,
  );
  if (
    numberedDay &&
    (!(freq === Frequency.MONTHLY || freq === Frequency.YEARLY) ||
      has('BYWEEKNO'))
  ) {
    return 'BYDAY may have a number (e.g. -1FR) only with FREQ=MONTHLY or YEARLY, and not with BYWEEKNO';
  }
  if (has('BYMONTHDAY') && freq === Frequency.WEEKLY) {
    return 'BYMONTHDAY cannot be used with FREQ=WEEKLY';
  }
  if (
    has('BYYEARDAY') &&
    (freq === Frequency.DAILY ||
      freq === Frequency.WEEKLY ||
      freq === Frequency.MONTHLY)
  ) {
    return 'BYYEARDAY cannot be used with FREQ=DAILY, WEEKLY or MONTHLY';
  }
  if (has('BYWEEKNO') && freq !== Frequency.YEARLY) {
    return 'BYWEEKNO may be used only with FREQ=YEARLY';
  }
  if (
    has('BYSETPOS') &&
    !names.some(name => name.startsWith('BY') && name !== 'BYSETPOS')
  ) {
    return 'BYSETPOS needs another BYxxx part to select from';
  }
  return undefined;
}

/** Values out of the ranges of RFC 5545 (the rrule library is lenient). */
function valueProblem(options: Partial<RRuleOptions>): string | undefined {
  for (const key of ['count', 'interval'] as const) {
    const n = options[key];
    if (n !== undefined && n !== null && !(Number.isInteger(n) && n >= 1)) {
      return `${key.toUpperCase()} must be a positive integer`;
    }
  }
  if ((options.count ?? 0) > MAX_RRULE_COUNT) {
    return `COUNT may be at most ${MAX_RRULE_COUNT}; leave it out for a rule without end`;
  }
  for (const [key, [min, max, zero]] of Object.entries(RRULE_NUMBER_RANGES)) {
    const raw = options[key as keyof RRuleOptions];
    if (raw === undefined || raw === null) continue;
    const values = Array.isArray(raw) ? raw : [raw];
    const bad = values.find(
      n =>
        typeof n !== 'number' ||
        !Number.isInteger(n) ||
        n < min ||
        n > max ||
        (!zero && n === 0),
    );
    if (bad !== undefined) {
      return `${key.toUpperCase()} has the invalid value ${String(bad)}`;
    }
  }
  const weekdays = options.byweekday;
  if (
    weekdays !== undefined &&
    weekdays !== null &&
    (Array.isArray(weekdays) ? weekdays : [weekdays]).some(
      day => day === undefined || day === null,
    )
  ) {
    return 'BYDAY must list weekdays as MO, TU, WE, TH, FR, SA, SU (optionally with a number, e.g. -1FR)';
  }
  return undefined;
}

/**
 * Why an RRULE value cannot be used for a freeze or train, or undefined if it
 * can. The rule is read with the `rrule` library (`rrulestr`); only the parts
 * of RFC 5545 are accepted, each once, with values in their ranges and in the
 * combinations the RFC allows, so that the iCalendar feed can state it as is.
 *
 * @public
 */
export function rruleProblem(rule: string): string | undefined {
  const value = rule.replace(/^RRULE:/i, '').toUpperCase();
  if (/(^|;)\s*(DTSTART|TZID)\b/.test(value) || /[:\n]/.test(value)) {
    return 'give only the RRULE value (e.g. FREQ=WEEKLY;BYDAY=FR); start and time zone are separate fields';
  }
  const names = partNames(value);
  if (typeof names === 'string') return names;
  let options: Partial<RRuleOptions>;
  try {
    options = RRule.parseString(value);
  } catch (error) {
    return `not a valid RFC 5545 RRULE: ${(error as Error).message}`;
  }
  if (options.freq === undefined || options.freq === null) {
    return 'not a valid RFC 5545 RRULE: FREQ must be one of YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY';
  }
  if (
    options.freq === Frequency.MINUTELY ||
    options.freq === Frequency.SECONDLY
  ) {
    return 'FREQ may be at most HOURLY for a freeze';
  }
  if (options.until) {
    return 'UNTIL is not supported in the rule; use recurrence.until';
  }
  if (names.includes('WKST') && (options.wkst ?? undefined) === undefined) {
    return 'WKST must be one of MO, TU, WE, TH, FR, SA, SU';
  }
  const problem = valueProblem(options) ?? combinationProblem(options, names);
  if (problem) return problem;
  try {
    rrulestr(value, { forceset: false });
  } catch (error) {
    return `not a valid RFC 5545 RRULE: ${(error as Error).message}`;
  }
  return undefined;
}
