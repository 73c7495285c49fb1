import fc from 'fast-check';
import { Frequency, Options, RRule, Weekday } from 'rrule';
import { hoursReachable, ruleStartingNear } from './ruleStartingNear';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

const subset = <T>(values: T[], max: number) =>
  fc.option(
    fc.uniqueArray(fc.constantFrom(...values), {
      minLength: 1,
      maxLength: max,
    }),
    {
      nil: undefined,
    },
  );
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

const weekdays = (nth: boolean) =>
  fc.option(
    fc.uniqueArray(
      fc
        .record({
          day: fc.integer({ min: 0, max: 6 }),
          n: nth
            ? fc.constantFrom(undefined, 1, 2, -1, -2)
            : fc.constant(undefined),
        })
        .map(({ day, n }) => new Weekday(day, n)),
      { minLength: 1, maxLength: 3, selector: w => w.toString() },
    ),
    { nil: undefined },
  );
/** Days of the month every month has, or any day when months are not restricted. */
const monthDays = (anyMonth: boolean) =>
  subset(
    anyMonth
      ? [...range(-31, -1), ...range(1, 31)]
      : [...range(-28, -1), ...range(1, 28)],
    3,
  );

/**
 * Rules of every frequency a freeze allows, with mixes of BYxxx parts that
 * keep recurring (rrule iterates to the year 9999 looking for the next
 * occurrence of a rule that has none, in both expansions alike).
 */
const ruleOptions: fc.Arbitrary<Partial<Options>> = fc.oneof(
  // yearly and monthly: days by month day, by (nth) weekday, or from DTSTART
  fc
    .record({
      freq: fc.constantFrom(Frequency.YEARLY, Frequency.MONTHLY),
      interval: fc.integer({ min: 1, max: 5 }),
      bymonth: subset(range(1, 12), 3),
      byday: fc.oneof(
        fc.constant({}),
        monthDays(false).map(bymonthday => ({ bymonthday })),
        weekdays(true).map(byweekday => ({ byweekday })),
      ),
      byhour: subset(range(0, 23), 3),
      byminute: subset([0, 15, 30, 59], 2),
      bysetpos: subset([1, -1], 1),
    })
    .map(({ byday, ...options }) => ({ ...options, ...byday })),
  // yearly by day of the year or ISO week, which every year has
  fc.record({
    freq: fc.constant(Frequency.YEARLY),
    interval: fc.integer({ min: 1, max: 5 }),
    byyearday: subset([1, 59, 60, 100, 200, 365, -1, -365], 2),
    byweekno: subset([1, 2, 10, 26, 52, -1], 2),
    byweekday: weekdays(false),
    wkst: fc.integer({ min: 0, max: 6 }),
  }),
  fc.record(
    {
      freq: fc.constantFrom(Frequency.WEEKLY, Frequency.DAILY),
      interval: fc.integer({ min: 1, max: 5 }),
      wkst: fc.integer({ min: 0, max: 6 }),
      bymonth: subset(range(1, 12), 3),
      byweekday: weekdays(false),
      byhour: subset(range(0, 23), 3),
      byminute: subset([0, 15, 30, 59], 2),
    },
    { requiredKeys: ['freq'] },
  ),
  fc.record(
    {
      freq: fc.constant(Frequency.HOURLY),
      interval: fc.integer({ min: 1, max: 30 }),
      byweekday: weekdays(false),
      bymonthday: monthDays(true),
      byhour: subset(range(0, 23), 4),
      byminute: subset([0, 15, 30, 59], 2),
    },
    { requiredKeys: ['freq'] },
  ),
);

/** A floating DTSTART from 2019 to 2027, often at a month's end or on 29 February. */
const dtstart = fc.oneof(
  fc.date({
    min: new Date('2019-01-01T00:00:00Z'),
    max: new Date('2027-12-31T23:59:59Z'),
    noInvalidDate: true,
  }),
  fc
    .record({
      day: fc.constantFrom(
        '2020-02-29',
        '2024-02-29',
        '2021-01-31',
        '2023-08-31',
        '2022-12-31',
        '2025-04-30',
      ),
      seconds: fc.integer({ min: 0, max: 86_399 }),
    })
    .map(
      ({ day, seconds }) =>
        new Date(Date.parse(`${day}T00:00:00Z`) + seconds * 1000),
    ),
);

describe('ruleStartingNear', () => {
  it('gives the same occurrences in any window as the rule expanded from its DTSTART', () => {
    fc.assert(
      fc.property(
        ruleOptions,
        dtstart,
        fc.integer({ min: 0, max: 2 * 366 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 1, max: 60 * 24 }),
        (options, start, offsetDays, offsetHours, lengthHours) => {
          const rule = new RRule({ ...options, dtstart: start });
          fc.pre(hoursReachable(rule));
          // hourly rules expanded naively for years take long: keep them to months
          const days =
            options.freq === Frequency.HOURLY ? offsetDays % 60 : offsetDays;
          const from = new Date(
            start.getTime() + days * DAY_MS + offsetHours * HOUR_MS,
          );
          const to = new Date(from.getTime() + lengthHours * HOUR_MS);
          const shifted = ruleStartingNear(rule, from);
          expect(shifted.between(from, to, true)).toEqual(
            rule.between(from, to, true),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('starts a rule without COUNT no more than one period before the instant', () => {
    const rule = new RRule({
      freq: Frequency.WEEKLY,
      interval: 2,
      byweekday: [RRule.FR],
      dtstart: new Date('2021-12-03T16:00:00Z'),
    });
    const shifted = ruleStartingNear(rule, new Date('2026-12-05T10:00:00Z'));
    const start = shifted.options.dtstart.getTime();
    expect(start).toBeLessThanOrEqual(Date.parse('2026-12-05T10:00:00Z'));
    expect(start).toBeGreaterThan(
      Date.parse('2026-12-05T10:00:00Z') - 14 * DAY_MS,
    );
  });

  it('keeps a COUNT rule as it is: the count runs from its own DTSTART', () => {
    const rule = new RRule({
      freq: Frequency.DAILY,
      count: 3000,
      dtstart: new Date('2021-12-03T16:00:00Z'),
    });
    expect(ruleStartingNear(rule, new Date('2026-12-05T10:00:00Z'))).toBe(rule);
  });

  it('keeps the rule as it is for an instant in its first period', () => {
    const rule = new RRule({
      freq: Frequency.MONTHLY,
      dtstart: new Date('2026-12-03T16:00:00Z'),
    });
    expect(ruleStartingNear(rule, new Date('2026-12-20T10:00:00Z'))).toBe(rule);
    expect(ruleStartingNear(rule, new Date('2020-01-01T00:00:00Z'))).toBe(rule);
  });
});
