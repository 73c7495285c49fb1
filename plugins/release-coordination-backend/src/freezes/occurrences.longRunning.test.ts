import { RRule } from 'rrule';
import { iso, Times } from './__testUtils__/occurrenceFixtures';
import { expandOccurrences } from './occurrences';

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
