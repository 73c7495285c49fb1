import { DateTime } from 'luxon';

const at = (time: number | string, zone: string) =>
  (typeof time === 'number'
    ? DateTime.fromMillis(time)
    : DateTime.fromISO(time)
  )
    .setZone(zone)
    .setLocale('en-US');

const DAY = 'ccc LLL d';
const CLOCK = 'HH:mm';
/** The zone as people read it: "UTC", "CET", or "GMT+5:30" where it has no name. */
const ZONE = 'ZZZZ';

/**
 * An instant as people read it, in a time zone (UTC unless said):
 * "Sat Dec 12, 09:00 UTC". The backend words its messages in UTC, since the
 * reader's zone is not known there; {@link inTimeZone} turns them into the
 * reader's.
 *
 * @public
 */
export function instantText(time: number | string, zone = 'utc'): string {
  return at(time, zone).toFormat(`${DAY}, ${CLOCK} ${ZONE}`);
}

/**
 * A period as people read it, in a time zone (UTC unless said): "Sat Dec 12,
 * 09:00–11:00 UTC" within a day, "Fri Dec 11, 15:00 – Mon Dec 14, 07:00 UTC"
 * across days.
 *
 * @public
 */
export function periodText(
  start: number | string,
  end: number | string,
  zone = 'utc',
): string {
  const [from, to] = [at(start, zone), at(end, zone)];
  return from.hasSame(to, 'day')
    ? `${from.toFormat(`${DAY}, ${CLOCK}`)}–${to.toFormat(`${CLOCK} ${ZONE}`)}`
    : `${from.toFormat(`${DAY}, ${CLOCK}`)} – ${instantText(end, zone)}`;
}

const WEEKDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const UTC_DAY = `${WEEKDAY} ${MONTH} \\d{1,2}`;
/** What {@link instantText} and {@link periodText} write in UTC. */
const UTC_TIMES = new RegExp(
  `(${UTC_DAY}), (\\d\\d:\\d\\d)(?:–(\\d\\d:\\d\\d)| – (${UTC_DAY}), (\\d\\d:\\d\\d))? UTC`,
  'g',
);

/**
 * The UTC instant a day ("Sat Dec 12") and a clock time stand for: the year
 * within two of `now`'s whose date falls on that weekday (a date falls on
 * the same weekday again 5 years later at the soonest, so there is one).
 */
function utcInstant(day: string, clock: string, now: DateTime) {
  for (const offset of [0, 1, -1, 2, -2]) {
    const year = now.year + offset;
    const time = DateTime.fromFormat(
      `${day} ${year} ${clock}`,
      `${DAY} yyyy ${CLOCK}`,
      { zone: 'utc', locale: 'en-US' },
    );
    if (time.isValid) return time;
  }
  return undefined;
}

/**
 * A server's text with every time it gives in UTC ({@link instantText},
 * {@link periodText}) said in the reader's `zone` instead, so that a
 * conflict reads "Sat Dec 12, 10:00–12:00 CET" in Berlin. Text that is not
 * such a time stays as it is.
 *
 * @public
 */
export function inTimeZone(
  text: string,
  zone: string,
  now: Date = new Date(),
): string {
  const today = DateTime.fromJSDate(now, { zone: 'utc' });
  return text.replace(
    UTC_TIMES,
    (
      phrase,
      day: string,
      clock: string,
      endClock?: string,
      endDay?: string,
      endDayClock?: string,
    ) => {
      const start = utcInstant(day, clock, today);
      if (!start) return phrase;
      if (!endClock && !endDay) return instantText(start.toMillis(), zone);
      const end = endClock
        ? start.set({
            hour: Number(endClock.slice(0, 2)),
            minute: Number(endClock.slice(3)),
          })
        : utcInstant(endDay!, endDayClock!, today);
      return end ? periodText(start.toMillis(), end.toMillis(), zone) : phrase;
    },
  );
}
