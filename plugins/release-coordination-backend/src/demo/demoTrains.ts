import { Train } from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';

const PLATFORM_ADMIN = 'user:default/carol';

const iso = (time: DateTime) =>
  time.toUTC().toISO({ suppressMilliseconds: false })!;

/** The given weekday at a time of day, on or before `time`'s date, in its zone. */
function weekdayOnOrBefore(
  time: DateTime,
  weekday: number,
  hour: number,
): DateTime {
  const day = time.startOf('day');
  return day
    .minus({ days: (day.weekday - weekday + 7) % 7 })
    .set({ hour, minute: 0 });
}

/**
 * Demo trains relative to `now`: the commerce train every other Tuesday 10:00
 * Berlin time (2 hours, bookings close 2 days before) for the checkout and
 * payments systems, and the platform train every Thursday 14:00 UTC for the
 * observability system. Fixed ids, so a second replica seeding at the same
 * time fails instead of duplicating.
 */
export function demoTrains(now: Date): Train[] {
  const createdAt = iso(DateTime.fromJSDate(now).minus({ days: 60 }));
  const base = {
    createdBy: PLATFORM_ADMIN,
    createdAt,
    updatedAt: createdAt,
    revision: 1,
  };
  const berlin = DateTime.fromJSDate(now, { zone: 'Europe/Berlin' }).minus({
    weeks: 8,
  });
  const utc = DateTime.fromJSDate(now, { zone: 'utc' }).minus({ weeks: 8 });
  return [
    {
      ...base,
      id: '00000000-0000-4000-c000-000000000001',
      name: 'Commerce train',
      description:
        'Checkout and payments ship together every other Tuesday morning; book by Sunday.',
      rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
      timezone: 'Europe/Berlin',
      start: iso(weekdayOnOrBefore(berlin, 2, 10)),
      slotDuration: 'PT2H',
      cutoff: 'P2D',
      scope: {
        systems: ['system:default/checkout', 'system:default/payments'],
        entities: [],
      },
    },
    {
      ...base,
      id: '00000000-0000-4000-c000-000000000002',
      name: 'Platform train',
      description: 'Weekly platform changes, Thursday afternoons (UTC).',
      rrule: 'FREQ=WEEKLY;BYDAY=TH',
      timezone: 'UTC',
      start: iso(weekdayOnOrBefore(utc, 4, 14)),
      slotDuration: 'PT2H',
      cutoff: 'P1D',
      scope: { systems: ['system:default/observability'], entities: [] },
    },
  ];
}
