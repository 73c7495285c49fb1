import { Freeze } from '@internal/plugin-release-coordination-common';
import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { RRule } from 'rrule';
import { expandOccurrences, lastEndOf, startMatchesRule } from './occurrences';

type Times = Pick<Freeze, 'start' | 'end' | 'recurrence' | 'endedAt'>;

const HOUR_MS = 60 * 60 * 1000;

const weekendBerlin: Times = {
  // Friday 2026-03-20 16:00 CET (UTC+1) to Monday 08:00
  start: '2026-03-20T15:00:00.000Z',
  end: '2026-03-23T07:00:00.000Z',
  recurrence: {
    rrule: 'FREQ=WEEKLY;BYDAY=FR',
    timezone: 'Europe/Berlin',
    exdates: [],
  },
};

const iso = (occurrences: { start: Date; end: Date }[]) =>
  occurrences.map(o => [o.start.toISOString(), o.end.toISOString()]);

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

describe('expandOccurrences of a freeze recurring for years', () => {
  /** How many occurrences rrule generates (in the window or not) while `run` runs. */
  function generatedDuring(run: () => void): number {
    const iter = jest.spyOn(RRule.prototype as any, '_iter');
    try {
      run();
      return iter.mock.calls.reduce(
        (sum, [result]) => sum + (result as { total: number }).total,
        0,
      );
    } finally {
      iter.mockRestore();
    }
  }

  // every day 18:00 to 20:00 Berlin time, from five years back
  const nightly: Times = {
    start: '2021-12-05T17:00:00.000Z',
    end: '2021-12-05T19:00:00.000Z',
    recurrence: {
      rrule: 'FREQ=DAILY',
      timezone: 'Europe/Berlin',
      exdates: [],
    },
  };

  it('generates only the occurrences around the window, not the five years before it', () => {
    let result: ReturnType<typeof expandOccurrences> = [];
    const generated = generatedDuring(() => {
      result = expandOccurrences(
        nightly,
        new Date('2026-12-05T00:00:00Z'),
        new Date('2026-12-06T00:00:00Z'),
      );
    });
    expect(iso(result)).toEqual([
      ['2026-12-05T17:00:00.000Z', '2026-12-05T19:00:00.000Z'],
    ]);
    // the window and a day of slack each side, not the 1,826 days since start
    expect(generated).toBeLessThanOrEqual(5);
  });

  it('gives the same occurrences as expanding from the start, across DST changes', () => {
    const from = new Date('2026-03-27T00:00:00Z');
    const to = new Date('2026-04-02T00:00:00Z');
    const all = expandOccurrences(nightly, new Date(nightly.start), to);
    expect(iso(expandOccurrences(nightly, from, to))).toEqual(
      iso(all.filter(o => o.end > from)),
    );
    expect(iso(expandOccurrences(nightly, from, to))[1]).toEqual([
      // 2026-03-29 is the first day of CEST, UTC+2
      '2026-03-28T17:00:00.000Z',
      '2026-03-28T19:00:00.000Z',
    ]);
  });

  it('moves a wall time in the spring gap forward and takes the later of an autumn hour that happens twice', () => {
    // every day 02:30 to 03:30 Berlin time
    const night: Times = {
      start: '2026-03-01T01:30:00.000Z',
      end: '2026-03-01T02:30:00.000Z',
      recurrence: {
        rrule: 'FREQ=DAILY',
        timezone: 'Europe/Berlin',
        exdates: [],
      },
    };
    const on = (day: string) =>
      iso(
        expandOccurrences(
          night,
          new Date(`${day}T00:00:00Z`),
          new Date(`${day}T12:00:00Z`),
        ),
      );
    // 2026-03-29 02:30 does not exist: it starts at 03:30 CEST, where it also ends
    expect(on('2026-03-29')[0]).toEqual([
      '2026-03-29T01:30:00.000Z',
      '2026-03-29T01:30:00.000Z',
    ]);
    // 2026-10-25 02:30 happens in CEST and again in CET: the later, in CET
    expect(on('2026-10-25')[0]).toEqual([
      '2026-10-25T01:30:00.000Z',
      '2026-10-25T02:30:00.000Z',
    ]);
  });

  it('stops after the given number of occurrences starting in the window', () => {
    const from = new Date('2026-12-05T18:00:00Z'); // inside that day's occurrence
    const to = new Date('2027-12-05T00:00:00Z');
    const limited = iso(expandOccurrences(nightly, from, to, 2));
    expect(limited).toEqual(
      iso(expandOccurrences(nightly, from, to)).slice(0, 3),
    );
    expect(limited.map(([start]) => start)).toEqual([
      '2026-12-05T17:00:00.000Z', // running into the window: not counted
      '2026-12-06T17:00:00.000Z',
      '2026-12-07T17:00:00.000Z',
    ]);
  });
});

describe('expandOccurrences against the straightforward computation', () => {
  const MINUTE_MS = 60_000;
  const DAY_MS = 24 * HOUR_MS;
  const ZONES = Intl.supportedValuesOf('timeZone');

  /** The wall-clock fields of an instant in a zone, as a UTC `Date`, read by luxon. */
  const wallClock = (ms: number, zone: string) => {
    const local = DateTime.fromMillis(ms, { zone });
    return Date.UTC(
      local.year,
      local.month - 1,
      local.day,
      local.hour,
      local.minute,
      local.second,
      local.millisecond,
    );
  };

  /**
   * The instant showing a wall-clock time in a zone, as luxon's
   * `DateTime.fromObject` finds it (its offset correction, `fixOffset`),
   * started from the zone's offset at the wall time read as UTC, every
   * offset read through Intl.
   */
  const instantOf = (wall: number, zone: string) => {
    const offset = (ms: number) => IANAZone.create(zone).offset(ms);
    const first = offset(wall);
    let guess = wall - first * MINUTE_MS;
    const second = offset(guess);
    if (second === first) return guess;
    guess -= (second - first) * MINUTE_MS;
    const third = offset(guess);
    if (second === third) return guess;
    return wall - Math.min(second, third) * MINUTE_MS;
  };

  const rules = fc.oneof(
    fc.constantFrom(
      'FREQ=DAILY',
      'FREQ=DAILY;INTERVAL=3',
      'FREQ=WEEKLY;BYDAY=MO,FR',
      'FREQ=WEEKLY;INTERVAL=2',
      'FREQ=MONTHLY;BYMONTHDAY=1,-1',
      'FREQ=MONTHLY;BYDAY=-1SU',
      'FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU',
      'FREQ=HOURLY;INTERVAL=5',
      'FREQ=HOURLY;BYHOUR=1,2,3',
    ),
  );

  it('gives the occurrences of rrule expanded from DTSTART, each wall time converted by luxon, in random zones, rules and windows', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(
            'Europe/Berlin',
            'America/New_York',
            'Australia/Lord_Howe',
            'America/Santiago',
            'Africa/Casablanca',
          ),
          fc.constantFrom(...ZONES),
        ),
        rules,
        // the first occurrence, from 2025 to 2027 (DST changes included)
        fc.integer({
          min: Date.UTC(2025, 0, 1) / MINUTE_MS,
          max: Date.UTC(2027, 0, 1) / MINUTE_MS,
        }),
        fc.integer({ min: 30, max: 3 * 24 * 60 }), // minutes of wall time
        fc.integer({ min: 0, max: 700 }), // window: days after the start
        fc.integer({ min: 1, max: 40 * 24 }), // window: hours long
        (zone, rrule, startMinute, minutes, offsetDays, hours) => {
          const wallStart = wallClock(startMinute * MINUTE_MS, zone);
          const dtstart = new Date(wallStart);
          const rule = new RRule({ ...RRule.parseString(rrule), dtstart });
          const first = rule.after(dtstart, true);
          fc.pre(first !== null);
          const start = instantOf(first!.getTime(), zone);
          // a freeze starts at an instant, whose wall time always exists
          fc.pre(wallClock(start, zone) === first!.getTime());
          const end = instantOf(first!.getTime() + minutes * MINUTE_MS, zone);
          const freeze: Times = {
            start: new Date(start).toISOString(),
            end: new Date(end).toISOString(),
            recurrence: { rrule, timezone: zone, exdates: [] },
          };
          // every occurrence keeps the wall-clock length of the first, read
          // from its real ends (longer when its end fell into a DST gap)
          const wallLength = wallClock(end, zone) - wallClock(start, zone);
          const from = new Date(start + offsetDays * DAY_MS);
          const to = new Date(from.getTime() + hours * HOUR_MS);

          const wallTo = to.getTime() + 2 * DAY_MS;
          const expected = new RRule({
            ...RRule.parseString(rrule),
            dtstart: first!,
          })
            .between(first!, new Date(wallTo), true)
            .map(wall => ({
              start: instantOf(wall.getTime(), zone),
              end: instantOf(wall.getTime() + wallLength, zone),
            }))
            .filter(o => o.start < to.getTime() && o.end > from.getTime())
            .map(o => [
              new Date(o.start).toISOString(),
              new Date(o.end).toISOString(),
            ]);
          expect(iso(expandOccurrences(freeze, from, to))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
