import {
  DEFAULT_FREEZE_EXEMPT_TYPES,
  Freeze,
  FreezeScope,
  ReleaseType,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';

const ZONE = 'Europe/Berlin';
const PLATFORM_ADMIN = 'user:default/carol';

const scope = (parts: Partial<FreezeScope>): FreezeScope => ({
  all: false,
  domains: [],
  systems: [],
  groups: [],
  entities: [],
  ...parts,
});

const iso = (time: DateTime) =>
  time.toUTC().toISO({ suppressMilliseconds: false })!;

/**
 * Demo freezes relative to `now`: a weekly weekend freeze for everything, a
 * yearly end-of-year freeze of the commerce domain and a one-off freeze of the
 * payments system next week. Ids are fixed so that a second replica seeding at
 * the same time fails instead of duplicating.
 */
export function demoFreezes(
  now: Date,
  exemptTypes: readonly ReleaseType[] = DEFAULT_FREEZE_EXEMPT_TYPES,
): Freeze[] {
  const local = DateTime.fromJSDate(now, { zone: ZONE });
  const createdAt = local.minus({ days: 60 });

  // the Friday 16:00 on or before eight weeks ago: the rule has been running a while
  const weeksAgo = local.minus({ weeks: 8 }).startOf('day');
  const friday = weeksAgo
    .minus({ days: (weeksAgo.weekday - 5 + 7) % 7 })
    .set({ hour: 16 });

  // Dec 20 of last year, so that early January of this year is frozen too
  const yearEnd = DateTime.fromObject(
    { year: local.year - 1, month: 12, day: 20 },
    { zone: ZONE },
  );

  // Tuesday 06:00 to Thursday 20:00 of next week
  const nextTuesday = local
    .startOf('week')
    .plus({ weeks: 1, days: 1 })
    .set({ hour: 6 });

  const base = {
    exemptTypes: [...exemptTypes],
    createdBy: PLATFORM_ADMIN,
    createdAt: iso(createdAt),
    updatedAt: iso(createdAt),
    revision: 1,
  };
  return [
    {
      ...base,
      id: '00000000-0000-4000-b000-000000000001',
      title: 'Weekend freeze',
      description:
        'No releases from Friday 16:00 to Monday 08:00 (Berlin time), when on-call staffing is thin.',
      scope: scope({ all: true }),
      start: iso(friday),
      // days keep the wall clock across DST; 2 days 16 hours = 64 hours
      end: iso(friday.plus({ days: 2, hours: 16 })),
      recurrence: {
        rrule: 'FREQ=WEEKLY;BYDAY=FR',
        timezone: ZONE,
        exdates: [],
      },
    },
    {
      ...base,
      id: '00000000-0000-4000-b000-000000000002',
      title: 'End-of-year freeze',
      description:
        'Peak season for the shop: the commerce domain is frozen from December 20 to January 3.',
      scope: scope({ domains: ['domain:default/commerce'] }),
      start: iso(yearEnd),
      end: iso(yearEnd.plus({ days: 15 })),
      recurrence: {
        rrule: 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=20',
        timezone: ZONE,
        exdates: [],
      },
    },
    {
      ...base,
      id: '00000000-0000-4000-b000-000000000003',
      title: 'Acquirer migration freeze',
      description:
        'The card acquirer moves data centres; no changes to the payments system while it does.',
      scope: scope({ systems: ['system:default/payments'] }),
      start: iso(nextTuesday),
      end: iso(nextTuesday.plus({ days: 2, hours: 14 })),
    },
  ];
}
