import { Freeze } from '@internal/plugin-release-coordination-common';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { expandOccurrences, startMatchesRule } from '../freezes/occurrences';
import { readFeed } from './__testUtils__/feedOccurrences';
import { buildCalendar } from './buildCalendar';

const DAY_MS = 24 * 60 * 60 * 1000;
const UID = 'freeze-f1@release-coordination';

function freeze(patch: Partial<Freeze>): Freeze {
  return {
    id: 'f1',
    title: 'Freeze',
    description: '',
    scope: { all: true, domains: [], systems: [], groups: [], entities: [] },
    start: '2026-11-27T15:00:00.000Z',
    end: '2026-11-30T07:00:00.000Z',
    exemptTypes: [],
    createdBy: 'user:default/alice',
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    revision: 1,
    ...patch,
  };
}

const feedOf = (...freezes: Freeze[]) =>
  buildCalendar({
    name: 'Releases',
    releases: [],
    freezes,
    releaseUrl: id => id,
  });

/** The parts of a rule, sorted (ical.js writes them in its own order). */
const partsOf = (rule: string) => rule.split(';').sort();

/** The plugin's own occurrences of [from, to), as ISO strings. */
const pluginOccurrences = (f: Freeze, from: Date, to: Date) =>
  expandOccurrences(f, from, to).map(o => ({
    start: o.start.toISOString(),
    end: o.end.toISOString(),
  }));

/** The feed's occurrences of the freeze, read by ical.js. */
const feedOccurrences = (f: Freeze, from: Date, to: Date) =>
  readFeed(feedOf(f)).occurrences(
    `freeze-${f.id}@release-coordination`,
    from,
    to,
  );

const YEAR = [
  new Date('2026-01-01T00:00:00Z'),
  new Date('2028-06-01T00:00:00Z'),
] as const;

describe('buildCalendar', () => {
  // Friday 16:00 to Monday 08:00 in Berlin, five weekends from 27 November 2026
  const weekends = freeze({
    recurrence: {
      rrule: 'FREQ=WEEKLY;BYDAY=FR;COUNT=5',
      timezone: 'Europe/Berlin',
      exdates: [],
    },
  });

  it('ends every line, the last one too, with CRLF', () => {
    const ics = feedOf(weekends);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('states a COUNT rule with an earlier until by UNTIL alone', () => {
    const f = freeze({
      recurrence: {
        ...weekends.recurrence!,
        until: '2026-12-12T00:00:00.000Z',
      },
    });
    const { rules } = readFeed(feedOf(f));
    expect(rules.map(partsOf)).toEqual([
      ['BYDAY=FR', 'FREQ=WEEKLY', 'UNTIL=20261212T000000Z'],
    ]);
    expect(feedOccurrences(f, ...YEAR)).toEqual(pluginOccurrences(f, ...YEAR));
    expect(feedOccurrences(f, ...YEAR)).toHaveLength(3);
  });

  it('states a freeze ended early by UNTIL just before the end, and cuts the running occurrence', () => {
    const endedAt = '2026-12-05T12:00:00.000Z'; // during the second weekend
    const f = freeze({ ...weekends, endedAt });
    const { rules } = readFeed(feedOf(f));
    expect(rules.map(partsOf)).toEqual([
      ['BYDAY=FR', 'FREQ=WEEKLY', 'UNTIL=20261205T115959Z'],
    ]);
    expect(feedOccurrences(f, ...YEAR)).toEqual([
      { start: '2026-11-27T15:00:00.000Z', end: '2026-11-30T07:00:00.000Z' },
      { start: '2026-12-04T15:00:00.000Z', end: endedAt },
    ]);
    expect(feedOccurrences(f, ...YEAR)).toEqual(pluginOccurrences(f, ...YEAR));
  });

  it('keeps COUNT when it ends before until', () => {
    const f = freeze({
      recurrence: {
        ...weekends.recurrence!,
        until: '2027-06-01T00:00:00.000Z',
      },
    });
    expect(readFeed(feedOf(f)).rules.map(partsOf)).toEqual([
      ['BYDAY=FR', 'COUNT=5', 'FREQ=WEEKLY'],
    ]);
    expect(feedOccurrences(f, ...YEAR)).toHaveLength(5);
  });

  it('keeps an occurrence that starts in the same second the freeze was ended, but before it', () => {
    const f = freeze({
      start: '2026-11-27T15:00:00.000Z',
      end: '2026-11-27T16:00:00.000Z',
      recurrence: { rrule: 'FREQ=DAILY', timezone: 'UTC', exdates: [] },
      endedAt: '2026-11-28T15:00:00.400Z',
    });
    expect(pluginOccurrences(f, ...YEAR)).toHaveLength(2);
    expect(feedOccurrences(f, ...YEAR)).toHaveLength(2);
  });

  it('drops an occurrence that starts after the end within the same second', () => {
    // every occurrence starts at .500; the second one just after the end
    const f = freeze({
      start: '2026-11-27T15:00:00.500Z',
      end: '2026-11-27T16:00:00.500Z',
      recurrence: { rrule: 'FREQ=DAILY', timezone: 'UTC', exdates: [] },
      endedAt: '2026-11-28T15:00:00.300Z',
    });
    expect(pluginOccurrences(f, ...YEAR)).toHaveLength(1);
    expect(feedOccurrences(f, ...YEAR)).toEqual([
      { start: '2026-11-27T15:00:00.000Z', end: '2026-11-27T16:00:00.000Z' },
    ]);
  });

  it('keeps the wall-clock length across a change of daylight saving time', () => {
    // the last weekend of October: summer time ends on Sunday
    const f = freeze({
      start: '2026-10-23T14:00:00.000Z',
      end: '2026-10-26T07:00:00.000Z',
      recurrence: {
        rrule: 'FREQ=WEEKLY;COUNT=3',
        timezone: 'Europe/Berlin',
        exdates: [],
      },
    });
    const occurrences = feedOccurrences(f, ...YEAR);
    expect(
      occurrences.map(o =>
        DateTime.fromISO(o.end, { zone: 'Europe/Berlin' }).toFormat(
          'ccc HH:mm',
        ),
      ),
    ).toEqual(['Mon 08:00', 'Mon 08:00', 'Mon 08:00']);
    expect(occurrences).toEqual(pluginOccurrences(f, ...YEAR));
  });

  it('leaves out a recurring freeze ended before it began', () => {
    const f = freeze({ ...weekends, endedAt: '2026-11-20T00:00:00.000Z' });
    expect(readFeed(feedOf(f)).uids).toEqual([]);
  });

  /**
   * Zones with and without daylight saving time, on either side of UTC, with
   * changes at 00:00 (Santiago), 02:00 and 02:45 (Chatham) and of 30 minutes
   * (Lord Howe). Wall times are drawn between 04:00 and 22:00, where no zone
   * changes its offset: for a local time that does not exist ical.js does not
   * follow RFC 5545 §3.3.5 (it moves back, the plugin forward).
   */
  const ZONES = [
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'America/Santiago',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
  ];
  const MINUTE = 60_000;
  const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

  const arbitraryFreeze = fc
    .record({
      timezone: fc.constantFrom(...ZONES),
      day: fc.integer({ min: 0, max: 700 }),
      startMinute: fc.integer({ min: 4 * 60, max: 21 * 60 }),
      days: fc.integer({ min: 0, max: 3 }),
      endMinute: fc.integer({ min: 4 * 60, max: 22 * 60 }),
      shape: fc.constantFrom('DAILY', 'WEEKLY', 'WEEKLY2', 'MONTHLY'),
      interval: fc.integer({ min: 1, max: 3 }),
      count: fc.option(fc.integer({ min: 1, max: 40 }), { freq: 2 }),
      untilDays: fc.option(fc.integer({ min: 0, max: 200 }), { freq: 2 }),
      exdateIndexes: fc.uniqueArray(fc.integer({ min: 0, max: 30 }), {
        maxLength: 4,
      }),
      ended: fc.option(
        fc.record({
          occurrence: fc.integer({ min: 0, max: 30 }),
          offsetSeconds: fc.oneof(
            fc.constantFrom(-1, 0, 1),
            fc.integer({ min: -3 * 86_400, max: 3 * 86_400 }),
          ),
        }),
        { freq: 2 },
      ),
    })
    .map(input => {
      const local = DateTime.fromISO('2025-10-01T00:00:00', {
        zone: input.timezone,
      })
        .plus({ days: input.day })
        .startOf('day');
      const start = local.plus({ minutes: input.startMinute });
      const end = local.plus({ days: input.days, minutes: input.endMinute });
      const weekday = WEEKDAYS[start.weekday - 1];
      const other = WEEKDAYS[(start.weekday + 2) % 7];
      const rule = {
        DAILY: `FREQ=DAILY;INTERVAL=${input.interval}`,
        WEEKLY: `FREQ=WEEKLY;INTERVAL=${input.interval}`,
        WEEKLY2: `FREQ=WEEKLY;BYDAY=${weekday},${other}`,
        MONTHLY: `FREQ=MONTHLY;BYMONTHDAY=${start.day}`,
      }[input.shape];
      const base = freeze({
        start: start.toUTC().toISO()!,
        end: end.toUTC().toISO()!,
        recurrence: {
          rrule: input.count ? `${rule};COUNT=${input.count}` : rule,
          timezone: input.timezone,
          exdates: [],
        },
      });
      const until =
        input.untilDays === null
          ? undefined
          : start.plus({ days: input.untilDays, minutes: 7 });
      const near = expandOccurrences(
        base,
        new Date(base.start),
        new Date(Date.parse(base.start) + 1000 * DAY_MS),
        31,
      );
      const exdates = input.exdateIndexes.flatMap(i =>
        near[i] ? [near[i].start.toISOString()] : [],
      );
      const endedAt =
        input.ended && near[input.ended.occurrence]
          ? new Date(
              near[input.ended.occurrence].start.getTime() +
                input.ended.offsetSeconds * 1000,
            ).toISOString()
          : undefined;
      return freeze({
        ...base,
        recurrence: {
          ...base.recurrence!,
          exdates: exdates.sort(),
          ...(until ? { until: until.toUTC().toISO()! } : {}),
        },
        ...(endedAt ? { endedAt } : {}),
      });
    })
    .filter(
      f =>
        Date.parse(f.end) - Date.parse(f.start) >= 30 * MINUTE &&
        startMatchesRule(f),
    );

  /** A window of 1 to 90 days, from 10 days before the start to 150 after. */
  const arbitraryWindow = fc.record({
    fromDay: fc.integer({ min: -10, max: 150 }),
    days: fc.integer({ min: 1, max: 90 }),
  });

  it('gives ical.js exactly the occurrences the plugin computes, with valid rules (property)', () => {
    fc.assert(
      fc.property(arbitraryFreeze, arbitraryWindow, (f, { fromDay, days }) => {
        const from = new Date(Date.parse(f.start) + fromDay * DAY_MS);
        const to = new Date(from.getTime() + days * DAY_MS);
        const ics = feedOf(f);
        expect(ics.endsWith('\r\n')).toBe(true);
        const feed = readFeed(ics);
        for (const rule of feed.rules) {
          expect(/COUNT=/.test(rule) && /UNTIL=/.test(rule)).toBe(false);
        }
        expect(feed.occurrences(UID, from, to)).toEqual(
          pluginOccurrences(f, from, to),
        );
      }),
      { numRuns: 300 },
    );
  });
});
