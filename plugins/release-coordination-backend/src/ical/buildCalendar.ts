import {
  Freeze,
  Release,
  ReleaseState,
} from '@internal/plugin-release-coordination-common';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { RRule } from 'rrule';
import {
  expandOccurrences,
  lastEndOf,
  Occurrence,
} from '../freezes/occurrences';

/** The domain part of every UID of the feed. */
export const UID_DOMAIN = 'release-coordination';

const STATUS: Record<ReleaseState, ICalEventStatus> = {
  draft: ICalEventStatus.TENTATIVE,
  planned: ICalEventStatus.TENTATIVE,
  approved: ICalEventStatus.CONFIRMED,
  in_progress: ICalEventStatus.CONFIRMED,
  released: ICalEventStatus.CONFIRMED,
  verified: ICalEventStatus.CONFIRMED,
  // it went out and is being undone: still on the calendar until rolled back
  rolling_back: ICalEventStatus.CONFIRMED,
  cancelled: ICalEventStatus.CANCELLED,
  rolled_back: ICalEventStatus.CANCELLED,
};

const LOCAL_FORMAT = "yyyyLLdd'T'HHmmss";

/**
 * The last instant an occurrence of a recurring freeze may start at: its
 * `until`, or just before the moment it was ended; undefined if neither.
 */
function lastStartOf(freeze: Freeze): number | undefined {
  const last = Math.min(
    freeze.recurrence?.until ? Date.parse(freeze.recurrence.until) : Infinity,
    freeze.endedAt ? Date.parse(freeze.endedAt) - 1 : Infinity,
  );
  return Number.isFinite(last) ? last : undefined;
}

/**
 * Whether the freeze's rule by itself (its COUNT, without `until`, end or
 * exception dates) has an occurrence that starts after `instant`.
 */
function ruleOutlasts(freeze: Freeze, instant: number): boolean {
  const { rrule, timezone } = freeze.recurrence!;
  const bare = {
    start: freeze.start,
    end: freeze.end,
    recurrence: { rrule, timezone, exdates: [] },
  };
  const lastEnd = lastEndOf(bare);
  if (!lastEnd) return true;
  return expandOccurrences(bare, new Date(instant + 1), lastEnd, 1).some(
    occurrence => occurrence.start.getTime() > instant,
  );
}

/**
 * The RRULE value of the feed. A freeze with an end (`until`, or ended early)
 * gets UNTIL in place of its COUNT, unless the COUNT ends first: RFC 5545
 * §3.3.10 allows only one of the two. The rule then yields exactly the
 * occurrences `expandOccurrences` computes.
 */
function feedRule(freeze: Freeze): string {
  const { rrule } = freeze.recurrence!;
  const lastStart = lastStartOf(freeze);
  if (lastStart === undefined) return rrule;
  const options = RRule.parseString(rrule);
  if (options.count && !ruleOutlasts(freeze, lastStart)) return rrule;
  // DATE-TIME values have whole seconds: DTSTART drops the milliseconds of
  // `start`, which every occurrence keeps, so UNTIL drops them as well
  const milliseconds = Date.parse(freeze.start) % 1000;
  const until = new Date(Math.floor((lastStart - milliseconds) / 1000) * 1000);
  return RRule.optionsToString({ ...options, count: null, until }).replace(
    /^RRULE:/,
    '',
  );
}

/**
 * The wall-clock length of each occurrence (end minus start, read in the
 * freeze's time zone) as an RFC 5545 DURATION, whole days nominal: DTEND
 * would give every occurrence the exact length of the first, one hour off
 * after a change to or from daylight saving time.
 */
function wallDuration(freeze: Freeze): string {
  const zone = freeze.recurrence!.timezone;
  const wall = (instant: string) =>
    DateTime.fromISO(instant, { zone })
      .startOf('second')
      .setZone('utc', { keepLocalTime: true });
  return wall(freeze.end)
    .diff(wall(freeze.start), ['days', 'hours', 'minutes', 'seconds'])
    .toISO()!;
}

/**
 * The lines after DTSTART of a recurring freeze: DURATION, RRULE and EXDATE
 * (ical-generator writes no DURATION, so it goes with the raw rule lines).
 */
function recurrenceLines(freeze: Freeze): string {
  const { timezone, exdates } = freeze.recurrence!;
  const lines = [
    `DURATION:${wallDuration(freeze)}`,
    `RRULE:${feedRule(freeze)}`,
  ];
  if (exdates.length > 0) {
    const local = exdates.map(date =>
      DateTime.fromISO(date, { zone: timezone }).toFormat(LOCAL_FORMAT),
    );
    lines.push(`EXDATE;TZID=${timezone}:${local.join(',')}`);
  }
  return lines.join('\n');
}

/**
 * The occurrences that were running when the freeze was ended, cut short at
 * that moment; the feed states each as an exception (RECURRENCE-ID).
 */
function cutOccurrences(freeze: Freeze): Occurrence[] {
  if (!freeze.endedAt) return [];
  const endedAt = new Date(freeze.endedAt);
  return expandOccurrences(
    freeze,
    new Date(endedAt.getTime() - 1),
    endedAt,
  ).filter(occurrence => occurrence.end.getTime() === endedAt.getTime());
}

function describeFreeze(freeze: Freeze): string {
  const { scope } = freeze;
  const covers = scope.all
    ? 'everything'
    : [
        ...scope.domains,
        ...scope.systems,
        ...scope.groups,
        ...scope.entities,
      ].join(', ');
  return [
    `Freeze: no releases of ${covers}.`,
    freeze.exemptTypes.length
      ? `Exempt release types: ${freeze.exemptTypes.join(', ')}.`
      : 'No release type is exempt.',
    freeze.description,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * An RFC 5545 calendar of releases and freezes. Releases are events in UTC
 * with a stable UID (`<release id>@release-coordination`) and a STATUS by
 * state; a recurring freeze is one event in its time zone (with VTIMEZONE)
 * carrying its DURATION, RRULE and EXDATEs, and an exception (RECURRENCE-ID)
 * for the occurrence cut short when it was ended. The feed yields the
 * occurrences `expandOccurrences` computes.
 */
export function buildCalendar(options: {
  name: string;
  releases: Release[];
  freezes: Freeze[];
  /** Link to a release page, by id. */
  releaseUrl: (id: string) => string;
}): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Backstage', product: 'release-coordination' },
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  for (const release of options.releases) {
    const url = options.releaseUrl(release.id);
    calendar.createEvent({
      id: `${release.id}@${UID_DOMAIN}`,
      start: new Date(release.window.start),
      end: new Date(release.window.end),
      stamp: new Date(release.updatedAt),
      lastModified: new Date(release.updatedAt),
      sequence: release.revision,
      summary: `${release.title} ${release.version}`,
      description: [
        `State: ${release.state}`,
        `Type: ${release.type}`,
        `Owner: ${release.ownerRef}`,
        `Entities: ${release.entityRefs.join(', ')}`,
        '',
        url,
      ].join('\n'),
      url,
      status: STATUS[release.state],
    });
  }
  for (const freeze of options.freezes) {
    const base = {
      id: `freeze-${freeze.id}@${UID_DOMAIN}`,
      stamp: new Date(freeze.updatedAt),
      lastModified: new Date(freeze.updatedAt),
      sequence: freeze.revision,
      summary: `Freeze: ${freeze.title}`,
      description: describeFreeze(freeze),
      status: ICalEventStatus.CONFIRMED,
    };
    if (freeze.recurrence) {
      const zone = freeze.recurrence.timezone;
      // a freeze ended before it began has nothing to show
      if ((lastStartOf(freeze) ?? Infinity) < Date.parse(freeze.start)) {
        continue;
      }
      calendar.createEvent({
        ...base,
        timezone: zone,
        start: DateTime.fromISO(freeze.start, { zone }),
        repeating: recurrenceLines(freeze),
      });
      for (const cut of cutOccurrences(freeze)) {
        const start = DateTime.fromJSDate(cut.start, { zone });
        calendar.createEvent({
          ...base,
          timezone: zone,
          recurrenceId: start,
          start,
          end: DateTime.fromJSDate(cut.end, { zone }),
        });
      }
    } else {
      const end = Math.min(
        Date.parse(freeze.end),
        freeze.endedAt ? Date.parse(freeze.endedAt) : Infinity,
      );
      // a freeze ended before it began has nothing to show
      if (end > Date.parse(freeze.start)) {
        calendar.createEvent({
          ...base,
          start: new Date(freeze.start),
          end: new Date(end),
        });
      }
    }
  }
  // ical-generator leaves the last line without the CRLF of RFC 5545 §3.1
  return `${calendar.toString()}\r\n`;
}
