import {
  HOUR_MS,
  iso,
  Times,
  weekendBerlin,
} from './__testUtils__/occurrenceFixtures';
import { expandOccurrences, lastEndOf, startMatchesRule } from './occurrences';

describe('expandOccurrences', () => {
  it('keeps a weekly Berlin freeze on local time across the spring DST change', () => {
    const result = expandOccurrences(
      weekendBerlin,
      new Date('2026-03-16T00:00:00Z'),
      new Date('2026-04-06T00:00:00Z'),
    );
    expect(iso(result)).toEqual([
      // CET, UTC+1
      ['2026-03-20T15:00:00.000Z', '2026-03-23T07:00:00.000Z'],
      // starts in CET, ends in CEST after 2026-03-29 02:00: 63 hours
      ['2026-03-27T15:00:00.000Z', '2026-03-30T06:00:00.000Z'],
      // CEST, UTC+2
      ['2026-04-03T14:00:00.000Z', '2026-04-06T06:00:00.000Z'],
    ]);
  });

  it('keeps it on local time across the autumn DST change', () => {
    const result = expandOccurrences(
      weekendBerlin,
      new Date('2026-10-20T00:00:00Z'),
      new Date('2026-11-02T00:00:00Z'),
    );
    expect(iso(result)).toEqual([
      ['2026-10-23T14:00:00.000Z', '2026-10-26T07:00:00.000Z'], // 65 hours
      ['2026-10-30T15:00:00.000Z', '2026-11-02T07:00:00.000Z'],
    ]);
  });

  it('follows America/New_York, whose DST changes on other dates', () => {
    const nightly: Times = {
      // every day 22:00 to 23:00 New York time, from 2026-03-06 (EST, UTC-5)
      start: '2026-03-07T03:00:00.000Z',
      end: '2026-03-07T04:00:00.000Z',
      recurrence: {
        rrule: 'FREQ=DAILY',
        timezone: 'America/New_York',
        exdates: [],
      },
    };
    expect(
      iso(
        expandOccurrences(
          nightly,
          new Date('2026-03-07T00:00:00Z'),
          new Date('2026-03-10T00:00:00Z'),
        ),
      ),
    ).toEqual([
      ['2026-03-07T03:00:00.000Z', '2026-03-07T04:00:00.000Z'], // EST
      ['2026-03-08T03:00:00.000Z', '2026-03-08T04:00:00.000Z'], // EST
      ['2026-03-09T02:00:00.000Z', '2026-03-09T03:00:00.000Z'], // EDT from 03-08
    ]);
    expect(
      iso(
        expandOccurrences(
          nightly,
          new Date('2026-11-01T00:00:00Z'),
          new Date('2026-11-03T00:00:00Z'),
        ),
      ),
    ).toEqual([
      ['2026-11-01T02:00:00.000Z', '2026-11-01T03:00:00.000Z'], // EDT
      ['2026-11-02T03:00:00.000Z', '2026-11-02T04:00:00.000Z'], // EST from 11-01
    ]);
  });

  it('skips exception dates and occurrences after until', () => {
    const freeze: Times = {
      ...weekendBerlin,
      recurrence: {
        ...weekendBerlin.recurrence!,
        exdates: ['2026-03-27T15:00:00.000Z'],
        until: '2026-04-10T00:00:00.000Z',
      },
    };
    const result = expandOccurrences(
      freeze,
      new Date('2026-03-01T00:00:00Z'),
      new Date('2026-05-01T00:00:00Z'),
    );
    expect(result.map(o => o.start.toISOString())).toEqual([
      '2026-03-20T15:00:00.000Z',
      '2026-04-03T14:00:00.000Z',
    ]);
    expect(lastEndOf(freeze)!.getTime()).toBeGreaterThanOrEqual(
      Date.parse('2026-04-06T06:00:00.000Z'),
    );
  });

  it('cuts a running occurrence at endedAt and drops later ones', () => {
    const freeze: Times = {
      ...weekendBerlin,
      endedAt: '2026-03-28T12:00:00.000Z',
    };
    expect(
      iso(
        expandOccurrences(
          freeze,
          new Date('2026-03-16T00:00:00Z'),
          new Date('2026-05-01T00:00:00Z'),
        ),
      ),
    ).toEqual([
      ['2026-03-20T15:00:00.000Z', '2026-03-23T07:00:00.000Z'],
      ['2026-03-27T15:00:00.000Z', '2026-03-28T12:00:00.000Z'],
    ]);
    expect(lastEndOf(freeze)!.toISOString()).toBe('2026-03-28T12:00:00.000Z');
  });

  it('returns a one-off freeze when it overlaps the range, cut by endedAt', () => {
    const oneOff: Times = {
      start: '2026-12-01T10:00:00.000Z',
      end: '2026-12-03T10:00:00.000Z',
    };
    expect(
      iso(
        expandOccurrences(
          oneOff,
          new Date('2026-12-02T00:00:00Z'),
          new Date('2026-12-02T01:00:00Z'),
        ),
      ),
    ).toEqual([['2026-12-01T10:00:00.000Z', '2026-12-03T10:00:00.000Z']]);
    expect(
      expandOccurrences(
        oneOff,
        new Date('2026-12-03T10:00:00Z'),
        new Date('2026-12-04T00:00:00Z'),
      ),
    ).toEqual([]);
    expect(
      expandOccurrences(
        { ...oneOff, endedAt: '2026-12-01T09:00:00.000Z' },
        new Date('2026-11-01T00:00:00Z'),
        new Date('2027-01-01T00:00:00Z'),
      ),
    ).toEqual([]);
    expect(lastEndOf(oneOff)!.toISOString()).toBe(oneOff.end);
  });

  it('ends with COUNT and has no last end when the rule recurs forever', () => {
    const counted: Times = {
      ...weekendBerlin,
      recurrence: {
        ...weekendBerlin.recurrence!,
        rrule: 'FREQ=WEEKLY;BYDAY=FR;COUNT=2',
      },
    };
    expect(
      expandOccurrences(
        counted,
        new Date('2026-03-01T00:00:00Z'),
        new Date('2026-06-01T00:00:00Z'),
      ),
    ).toHaveLength(2);
    expect(lastEndOf(counted)!.getTime()).toBeGreaterThanOrEqual(
      Date.parse('2026-03-30T06:00:00.000Z'),
    );
    expect(lastEndOf(weekendBerlin)).toBeUndefined();
  });

  it('expands the last two weeks of each quarter', () => {
    const quarterEnd: Times = {
      start: '2026-03-17T23:00:00.000Z', // March 18, 00:00 Berlin
      end: '2026-04-01T22:00:00.000Z', // April 2, 00:00 Berlin (CEST)
      recurrence: {
        rrule: 'FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-14',
        timezone: 'Europe/Berlin',
        exdates: [],
      },
    };
    expect(startMatchesRule(quarterEnd)).toBe(true);
    const result = expandOccurrences(
      quarterEnd,
      new Date('2026-01-01T00:00:00Z'),
      new Date('2027-01-01T00:00:00Z'),
    );
    expect(result.map(o => o.start.toISOString())).toEqual([
      '2026-03-17T23:00:00.000Z',
      '2026-06-16T22:00:00.000Z',
      '2026-09-16T22:00:00.000Z',
      '2026-12-17T23:00:00.000Z',
    ]);
  });

  it('knows whether start is an occurrence of the rule', () => {
    expect(startMatchesRule(weekendBerlin)).toBe(true);
    expect(
      startMatchesRule({
        ...weekendBerlin,
        start: '2026-03-19T15:00:00.000Z', // a Thursday
        end: '2026-03-22T07:00:00.000Z',
      }),
    ).toBe(false);
  });

  it('knows that an hourly rule never reaching its BYHOUR has no occurrence, without searching forever', () => {
    // from 10:00 in steps of 2 hours, 01:00 is never reached
    expect(
      startMatchesRule({
        start: '2026-03-20T10:00:00.000Z',
        end: '2026-03-20T11:00:00.000Z',
        recurrence: {
          rrule: 'FREQ=HOURLY;INTERVAL=2;BYHOUR=1',
          timezone: 'UTC',
          exdates: [],
        },
      }),
    ).toBe(false);
  });
});

describe('startMatchesRule of a rule that never occurs', () => {
  it.each([
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
    'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
    'FREQ=HOURLY;BYMONTH=4;BYMONTHDAY=31',
    'FREQ=DAILY;BYSETPOS=2',
  ])(
    'says no to %s after searching one period, not every year to 9999',
    rrule => {
      // rrule builds each year it searches through Date.UTC
      const years = jest.spyOn(Date, 'UTC');
      try {
        expect(
          startMatchesRule({
            start: '2026-02-27T09:00:00.000Z',
            end: '2026-02-27T10:00:00.000Z',
            recurrence: { rrule, timezone: 'Europe/Berlin', exdates: [] },
          }),
        ).toBe(false);
        expect(years.mock.calls.length).toBeLessThan(20);
      } finally {
        years.mockRestore();
      }
    },
  );

  it('still knows the starts of rules that occur rarely or late in their period', () => {
    const at = (start: string, rrule: string, timezone = 'UTC') =>
      startMatchesRule({
        start,
        end: new Date(Date.parse(start) + HOUR_MS).toISOString(),
        recurrence: { rrule, timezone, exdates: [] },
      });
    // 29 February 2028 is a Tuesday
    expect(
      at('2028-02-29T10:00:00.000Z', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29'),
    ).toBe(true);
    expect(
      at('2028-02-29T10:00:00.000Z', 'FREQ=DAILY;BYMONTHDAY=29;BYDAY=TU'),
    ).toBe(true);
    // the last Friday of the year, 31 December 2027, in Auckland time
    expect(
      at(
        '2027-12-30T21:00:00.000Z',
        'FREQ=YEARLY;BYDAY=-1FR',
        'Pacific/Auckland',
      ),
    ).toBe(true);
    expect(
      at(
        '2027-12-23T21:00:00.000Z',
        'FREQ=YEARLY;BYDAY=-1FR',
        'Pacific/Auckland',
      ),
    ).toBe(false);
  });
});
