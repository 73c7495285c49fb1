import { DateTime } from 'luxon';

/** Milliseconds in a minute. */
export const MINUTE_MS = 60_000;
/** Milliseconds in an hour. */
export const HOUR_MS = 60 * MINUTE_MS;
/** Milliseconds in a day of 24 hours (calendar days in a zone may differ: use luxon there). */
export const DAY_MS = 24 * HOUR_MS;

const utc = (at: number | string) =>
  (typeof at === 'number'
    ? DateTime.fromMillis(at)
    : DateTime.fromISO(at)
  ).setZone('utc');

/**
 * An instant as people read it, in UTC since the reader's zone is not known
 * on the server: "Sat Dec 12, 09:00 UTC".
 */
export const instantText = (at: number | string) =>
  utc(at).toFormat("ccc LLL d, HH:mm 'UTC'");

/**
 * A period as people read it: "Sat Dec 12, 09:00–11:00 UTC" within a day,
 * "Fri Dec 11, 15:00 – Mon Dec 14, 07:00 UTC" across days.
 */
export function periodText(start: number | string, end: number | string) {
  const from = utc(start).toFormat('ccc LLL d, HH:mm');
  return utc(start).hasSame(utc(end), 'day')
    ? `${from}–${utc(end).toFormat("HH:mm 'UTC'")}`
    : `${from} – ${instantText(end)}`;
}
