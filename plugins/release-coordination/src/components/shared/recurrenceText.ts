import { Frequency, RRule } from 'rrule';

/** Rule parts `RRule#toText` puts into words, by frequency (rrule's `ToText.IMPLEMENTED`). */
const COMMON = [
  'count',
  'until',
  'interval',
  'byweekday',
  'bymonthday',
  'bymonth',
];
const DESCRIBED: Partial<Record<Frequency, string[]>> = {
  [Frequency.YEARLY]: ['byweekno', 'byyearday', ...COMMON],
  [Frequency.MONTHLY]: COMMON,
  [Frequency.WEEKLY]: COMMON,
  [Frequency.DAILY]: ['byhour', ...COMMON],
  [Frequency.HOURLY]: COMMON,
  [Frequency.MINUTELY]: COMMON,
};
/** Parts that do not change the cadence in words. */
const NEUTRAL = ['freq', 'wkst', 'dtstart', 'tzid'];

/**
 * An RRULE's cadence in words by `rrule`'s `toText`, e.g.
 * `FREQ=WEEKLY;INTERVAL=2;BYDAY=TU` → `every 2 weeks on Tuesday`. Undefined
 * when the rule does not parse or uses a part `toText` would silently leave
 * out (e.g. BYSETPOS; rrule's own `isFullyConvertibleToText` stops looking at
 * FREQ). The text knows neither the time of day nor the zone.
 */
export function recurrenceInWords(rule: string): string | undefined {
  let parsed: RRule;
  try {
    parsed = RRule.fromString(rule);
  } catch {
    return undefined;
  }
  const described = DESCRIBED[parsed.options.freq];
  const parts = Object.entries(parsed.origOptions)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key]) => key);
  if (
    !described ||
    (parsed.origOptions.count && parsed.origOptions.until) ||
    parts.some(key => !NEUTRAL.includes(key) && !described.includes(key))
  ) {
    return undefined;
  }
  return parsed.toText();
}
