import { Train } from '@internal/plugin-release-coordination-common';
import fc from 'fast-check';
import { DateTime, Duration } from 'luxon';
import { RRule } from 'rrule';
import {
  isSlotStart,
  slotAt,
  slotsBetween,
  trainStartMatchesRule,
} from './slots';

type Times = Pick<
  Train,
  'rrule' | 'timezone' | 'start' | 'slotDuration' | 'cutoff'
>;

// every other Tuesday 10:00 Berlin, from Tuesday 2026-03-17 (CET, UTC+1)
const commerce: Times = {
  rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
  timezone: 'Europe/Berlin',
  start: '2026-03-17T09:00:00.000Z',
  slotDuration: 'PT2H',
  cutoff: 'P2D',
};

const iso = (slots: { start: Date; end: Date; cutoffAt: Date }[]) =>
  slots.map(s => [
    s.start.toISOString(),
    s.end.toISOString(),
    s.cutoffAt.toISOString(),
  ]);

describe('train slots', () => {
  it('stay at 10:00 Berlin time across the spring DST change, every other week', () => {
    const slots = slotsBetween(
      commerce,
      new Date('2026-03-01T00:00:00Z'),
      new Date('2026-04-30T00:00:00Z'),
    );
    expect(iso(slots)).toEqual([
      // CET: 10:00 is 09:00 UTC; the cut-off two days before, Sunday 10:00 CET
      [
        '2026-03-17T09:00:00.000Z',
        '2026-03-17T11:00:00.000Z',
        '2026-03-15T09:00:00.000Z',
      ],
      // CEST since 2026-03-29: 10:00 is 08:00 UTC; the cut-off falls on the
      // DST Sunday itself and is still 10:00 local (08:00 UTC)
      [
        '2026-03-31T08:00:00.000Z',
        '2026-03-31T10:00:00.000Z',
        '2026-03-29T08:00:00.000Z',
      ],
      [
        '2026-04-14T08:00:00.000Z',
        '2026-04-14T10:00:00.000Z',
        '2026-04-12T08:00:00.000Z',
      ],
      [
        '2026-04-28T08:00:00.000Z',
        '2026-04-28T10:00:00.000Z',
        '2026-04-26T08:00:00.000Z',
      ],
    ]);
  });

  it('counts a day-based cut-off in calendar days and an hour-based one in real hours', () => {
    const start = new Date('2026-03-31T08:00:00.000Z'); // Tuesday 10:00 CEST
    // three calendar days before: Saturday 10:00 CET, before the change
    expect(
      slotAt({ ...commerce, cutoff: 'P3D' }, start).cutoffAt.toISOString(),
    ).toBe('2026-03-28T09:00:00.000Z');
    // 72 real hours before: across the lost hour that is Saturday 09:00 CET
    expect(
      slotAt({ ...commerce, cutoff: 'PT72H' }, start).cutoffAt.toISOString(),
    ).toBe('2026-03-28T08:00:00.000Z');
  });

  it('stays at 10:00 local across the autumn change', () => {
    const slots = slotsBetween(
      { ...commerce, start: '2026-10-13T08:00:00.000Z' },
      new Date('2026-10-01T00:00:00Z'),
      new Date('2026-11-12T00:00:00Z'),
    );
    expect(slots.map(s => s.start.toISOString())).toEqual([
      '2026-10-13T08:00:00.000Z', // CEST
      '2026-10-27T09:00:00.000Z', // CET since 2026-10-25
      '2026-11-10T09:00:00.000Z',
    ]);
    // the slot on 2026-10-27 closes on Sunday the 25th at 10:00 CET
    expect(slots[1].cutoffAt.toISOString()).toBe('2026-10-25T09:00:00.000Z');
  });

  it('returns slots starting in [from, to) up to a limit, none before the first', () => {
    const weekly: Times = {
      rrule: 'FREQ=WEEKLY;BYDAY=TH',
      timezone: 'UTC',
      start: '2026-12-03T14:00:00.000Z',
      slotDuration: 'PT2H',
      cutoff: 'P1D',
    };
    expect(
      slotsBetween(
        weekly,
        new Date('2026-11-01T00:00:00Z'),
        new Date('2027-01-01T00:00:00Z'),
        3,
      ).map(s => s.start.toISOString()),
    ).toEqual([
      '2026-12-03T14:00:00.000Z',
      '2026-12-10T14:00:00.000Z',
      '2026-12-17T14:00:00.000Z',
    ]);
    // a slot that started before `from` is not upcoming, even while it runs
    expect(
      slotsBetween(
        weekly,
        new Date('2026-12-03T15:00:00Z'),
        new Date('2026-12-11T00:00:00Z'),
      ).map(s => s.start.toISOString()),
    ).toEqual(['2026-12-10T14:00:00.000Z']);
  });

  describe('stop at the limit', () => {
    /** How many occurrences rrule generates while `run` runs. */
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

    const hourly: Times = {
      rrule: 'FREQ=HOURLY',
      timezone: 'Europe/Berlin',
      start: '2026-01-01T10:00:00.000Z',
      slotDuration: 'PT30M',
      cutoff: 'PT1H',
    };
    const from = new Date('2026-12-05T00:00:00Z');
    const yearLater = new Date('2027-12-06T00:00:00Z');

    it('expands an hourly train over a year only up to the limit', () => {
      let slots: ReturnType<typeof slotsBetween> = [];
      const generated = generatedDuring(() => {
        slots = slotsBetween(hourly, from, yearLater, 3);
      });
      expect(slots.map(s => s.start.toISOString())).toEqual([
        '2026-12-05T00:00:00.000Z',
        '2026-12-05T01:00:00.000Z',
        '2026-12-05T02:00:00.000Z',
      ]);
      // the day of slack before the window and three slots, not the 8,760 hours of the year
      expect(generated).toBeLessThan(40);
    });

    it('counts only the slots it keeps, and stops at the limit of those', () => {
      const visited: string[] = [];
      let slots: ReturnType<typeof slotsBetween> = [];
      const generated = generatedDuring(() => {
        slots = slotsBetween(hourly, from, yearLater, 2, slot => {
          visited.push(slot.start.toISOString());
          return slot.start.getUTCHours() % 6 === 0;
        });
      });
      expect(slots.map(s => s.start.toISOString())).toEqual([
        '2026-12-05T00:00:00.000Z',
        '2026-12-05T06:00:00.000Z',
      ]);
      expect(visited).toHaveLength(7);
      expect(generated).toBeLessThan(40);
    });
  });

  it("times every slot as luxon does in the train's own zone", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Intl.supportedValuesOf('timeZone')),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.constantFrom('PT30M', 'PT2H', 'PT90M', 'P1D', 'P1DT2H', 'P1W'),
        fc.constantFrom('PT1H', 'PT72H', 'P2D', 'P1M'),
        (timezone, at, slotDuration, cutoff) => {
          const start = new Date(at);
          const local = DateTime.fromJSDate(start, { zone: timezone });
          const slot = slotAt(
            { ...commerce, timezone, slotDuration, cutoff },
            start,
          );
          expect(slot.end.getTime()).toBe(
            local.plus(Duration.fromISO(slotDuration)).toMillis(),
          );
          expect(slot.cutoffAt.getTime()).toBe(
            local.minus(Duration.fromISO(cutoff)).toMillis(),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('tells slot starts from other instants', () => {
    expect(isSlotStart(commerce, new Date('2026-03-31T08:00:00Z'))).toBe(true);
    // the off week of the fortnightly train
    expect(isSlotStart(commerce, new Date('2026-03-24T09:00:00Z'))).toBe(false);
    // the right day, the wrong hour
    expect(isSlotStart(commerce, new Date('2026-03-31T09:00:00Z'))).toBe(false);
  });

  it('requires the first slot to be an occurrence of the rule', () => {
    expect(trainStartMatchesRule(commerce)).toBe(true);
    expect(
      trainStartMatchesRule({ ...commerce, start: '2026-03-18T09:00:00Z' }),
    ).toBe(false);
  });
});
