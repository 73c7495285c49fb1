import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { RRule } from 'rrule';
import { HOUR_MS, iso, Times } from './__testUtils__/occurrenceFixtures';
import { expandOccurrences } from './occurrences';

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
