/** Milliseconds in a minute. */
export const MINUTE_MS = 60_000;
/** Milliseconds in an hour. */
export const HOUR_MS = 60 * MINUTE_MS;
/** Milliseconds in a day of 24 hours (calendar days in a zone may differ: use luxon there). */
export const DAY_MS = 24 * HOUR_MS;

/** The UTC day an instant falls in, from its midnight to the next. */
export function utcDayOf(instant: string): { from: string; to: string } {
  const from = Math.floor(Date.parse(instant) / DAY_MS) * DAY_MS;
  return {
    from: new Date(from).toISOString(),
    to: new Date(from + DAY_MS).toISOString(),
  };
}
