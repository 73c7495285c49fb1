/** Freeze times and helpers shared by the occurrence tests. */

import { Freeze } from '@internal/plugin-release-coordination-common';

export type Times = Pick<Freeze, 'start' | 'end' | 'recurrence' | 'endedAt'>;

export const HOUR_MS = 60 * 60 * 1000;

export const weekendBerlin: Times = {
  // Friday 2026-03-20 16:00 CET (UTC+1) to Monday 08:00
  start: '2026-03-20T15:00:00.000Z',
  end: '2026-03-23T07:00:00.000Z',
  recurrence: {
    rrule: 'FREQ=WEEKLY;BYDAY=FR',
    timezone: 'Europe/Berlin',
    exdates: [],
  },
};

export const iso = (occurrences: { start: Date; end: Date }[]) =>
  occurrences.map(o => [o.start.toISOString(), o.end.toISOString()]);
