import {
  Freeze,
  Release,
  ReleaseState,
} from '@internal/plugin-release-coordination-common';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';

/** The domain part of every UID of the feed. */
export const UID_DOMAIN = 'release-coordination';

const STATUS: Record<ReleaseState, ICalEventStatus> = {
  draft: ICalEventStatus.TENTATIVE,
  planned: ICalEventStatus.TENTATIVE,
  approved: ICalEventStatus.CONFIRMED,
  in_progress: ICalEventStatus.CONFIRMED,
  released: ICalEventStatus.CONFIRMED,
  verified: ICalEventStatus.CONFIRMED,
  cancelled: ICalEventStatus.CANCELLED,
  rolled_back: ICalEventStatus.CANCELLED,
};

const LOCAL_FORMAT = "yyyyLLdd'T'HHmmss";
const UTC_FORMAT = "yyyyLLdd'T'HHmmss'Z'";

/** The lines after DTSTART/DTEND of a recurring freeze: RRULE (with UNTIL) and EXDATE. */
function recurrenceLines(freeze: Freeze): string {
  const { rrule, timezone, exdates, until } = freeze.recurrence!;
  // no occurrence starts at or after the moment a freeze was ended
  const ends = [
    until && Date.parse(until),
    freeze.endedAt && Date.parse(freeze.endedAt) - 1000,
  ].filter((t): t is number => typeof t === 'number');
  const last = ends.length > 0 ? Math.min(...ends) : undefined;
  const lines = [
    `RRULE:${rrule}${
      last === undefined
        ? ''
        : `;UNTIL=${DateTime.fromMillis(last, { zone: 'utc' }).toFormat(
            UTC_FORMAT,
          )}`
    }`,
  ];
  if (exdates.length > 0) {
    const local = exdates.map(date =>
      DateTime.fromISO(date, { zone: timezone }).toFormat(LOCAL_FORMAT),
    );
    lines.push(`EXDATE;TZID=${timezone}:${local.join(',')}`);
  }
  return lines.join('\n');
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
 * carrying its RRULE and EXDATEs.
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
      calendar.createEvent({
        ...base,
        timezone: zone,
        start: DateTime.fromISO(freeze.start, { zone }),
        end: DateTime.fromISO(freeze.end, { zone }),
        repeating: recurrenceLines(freeze),
      });
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
  return calendar.toString();
}
