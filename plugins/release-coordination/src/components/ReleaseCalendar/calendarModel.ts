import {
  FreezeOccurrence,
  Release,
  ReleaseType,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import { liveFirst } from './scheduleModel';

/**
 * The views of the release calendar.
 *
 * @public
 */
export type ReleaseCalendarView = 'month' | 'week' | 'day' | 'agenda';

/** Every calendar view, in the order of the toggle. */
export const CALENDAR_VIEWS: readonly ReleaseCalendarView[] = [
  'month',
  'week',
  'day',
  'agenda',
];

/** What the period a view shows is called, e.g. in "Next month". */
export const PERIOD_NAMES: Record<ReleaseCalendarView, string> = {
  month: 'month',
  week: 'week',
  day: 'day',
  agenda: 'period',
};

/** Days the agenda shows unless told otherwise. */
export const DEFAULT_AGENDA_DAYS = 30;

/** Whether a value is a calendar view. */
export function isCalendarView(value: unknown): value is ReleaseCalendarView {
  return CALENDAR_VIEWS.includes(value as ReleaseCalendarView);
}

/** The days a view shows, in local time; `to` is the end of the last day. */
export interface CalendarRange {
  from: DateTime;
  to: DateTime;
}

/** The range a view shows around the anchor date. */
export function visibleRange(
  view: ReleaseCalendarView,
  anchor: DateTime,
  agendaDays: number = DEFAULT_AGENDA_DAYS,
): CalendarRange {
  switch (view) {
    case 'month':
      return {
        from: anchor.startOf('month').startOf('week'),
        to: anchor.endOf('month').endOf('week'),
      };
    case 'week':
      return { from: anchor.startOf('week'), to: anchor.endOf('week') };
    case 'day':
      return { from: anchor.startOf('day'), to: anchor.endOf('day') };
    default:
      return {
        from: anchor.startOf('day'),
        to: anchor
          .startOf('day')
          .plus({ days: agendaDays - 1 })
          .endOf('day'),
      };
  }
}

/** The anchor date of the previous (-1) or next (+1) period of a view. */
export function shiftAnchor(
  view: ReleaseCalendarView,
  anchor: DateTime,
  direction: -1 | 1,
  agendaDays: number = DEFAULT_AGENDA_DAYS,
): DateTime {
  switch (view) {
    case 'month':
      return anchor.startOf('month').plus({ months: direction });
    case 'week':
      return anchor.plus({ weeks: direction });
    case 'day':
      return anchor.plus({ days: direction });
    default:
      return anchor.plus({ days: direction * agendaDays });
  }
}

/** The start of every day of a range. */
export function daysOf(range: CalendarRange): DateTime[] {
  const days: DateTime[] = [];
  for (
    let day = range.from.startOf('day');
    day <= range.to;
    day = day.plus({ days: 1 })
  ) {
    days.push(day);
  }
  return days;
}

/** The heading of the period a view shows, e.g. `March 2030`. */
export function rangeTitle(
  view: ReleaseCalendarView,
  anchor: DateTime,
  range: CalendarRange,
): string {
  if (view === 'month') {
    return anchor.toFormat('LLLL yyyy');
  }
  if (view === 'day') {
    return anchor.toFormat('cccc, LLLL d, yyyy');
  }
  const { from, to } = range;
  const sameYear = from.hasSame(to, 'year');
  const start = from.toFormat(sameYear ? 'LLL d' : 'LLL d, yyyy');
  const end = to.toFormat(
    from.hasSame(to, 'month') ? 'd, yyyy' : 'LLL d, yyyy',
  );
  return `${start} – ${end}`;
}

/** Whether something from `start` to `end` (ISO) overlaps the day starting at `day`. */
export function coversDay(
  item: { start: string; end: string },
  day: DateTime,
): boolean {
  const start = Date.parse(item.start);
  const end = Date.parse(item.end);
  const dayStart = day.toMillis();
  const dayEnd = day.plus({ days: 1 }).toMillis();
  // A window ending exactly at midnight does not reach into the next day.
  return start < dayEnd && end > dayStart;
}

/** The releases whose window covers a day, live ones first, then by start. */
export function releasesOnDay(releases: Release[], day: DateTime): Release[] {
  return releases
    .filter(release => coversDay(release.window, day))
    .sort(liveFirst);
}

/** The freeze occurrences covering a day. */
export function freezesOnDay(
  freezes: FreezeOccurrence[],
  day: DateTime,
): FreezeOccurrence[] {
  return freezes.filter(freeze => coversDay(freeze, day));
}

/** Whether a release started before the day (and so continues on it). */
export function startedBefore(release: Release, day: DateTime): boolean {
  return Date.parse(release.window.start) < day.toMillis();
}

/** The colour of each release type. */
export const RELEASE_TYPE_COLORS: Record<ReleaseType, string> = {
  standard: '#2e7d32',
  normal: '#1565c0',
  emergency: '#c62828',
  hotfix: '#ef6c00',
  security: '#6a1b9a',
  'out-of-band': '#00838f',
};

/** The colour of a release type, grey for types this version does not know. */
export function releaseTypeColor(type: string): string {
  return RELEASE_TYPE_COLORS[type as ReleaseType] ?? '#616161';
}

/** A local date as `yyyy-MM-dd`, the form of the `date` URL parameter. */
export function isoDate(day: DateTime): string {
  return day.toISODate() ?? '';
}

/** Parses a `yyyy-MM-dd` date (local), or undefined when it is not one. */
export function parseIsoDate(value: string | null | undefined) {
  if (!value) return undefined;
  const day = DateTime.fromISO(value);
  return day.isValid ? day.startOf('day') : undefined;
}

/** The time of day of an ISO timestamp in local time, e.g. `09:00`. */
export function timeOfDay(iso: string): string {
  return DateTime.fromISO(iso).toFormat('HH:mm');
}
