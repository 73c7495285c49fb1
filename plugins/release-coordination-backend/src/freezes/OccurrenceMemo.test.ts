import { Freeze } from '@internal/plugin-release-coordination-common';
import { OccurrenceMemo } from './OccurrenceMemo';
import { expandOccurrences } from './occurrences';

const weekend: Freeze = {
  id: 'f1',
  title: 'Weekend',
  description: '',
  scope: { all: true, domains: [], systems: [], groups: [], entities: [] },
  // Friday 16:00 to Monday 08:00 in Berlin, across the DST change of March
  start: '2026-01-02T15:00:00.000Z',
  end: '2026-01-05T07:00:00.000Z',
  recurrence: {
    rrule: 'FREQ=WEEKLY',
    timezone: 'Europe/Berlin',
    exdates: ['2026-03-06T15:00:00.000Z'],
  },
  exemptTypes: [],
  createdBy: 'user:default/a',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  revision: 1,
};

const DAY = 24 * 3_600_000;

describe('OccurrenceMemo', () => {
  it('gives what the expansion gives, for ranges within and across its chunks', () => {
    const memo = new OccurrenceMemo();
    const start = Date.parse('2026-01-01T00:00:00Z');
    const ranges: [number, number][] = [];
    for (let offset = 0; offset < 200 * DAY; offset += 7.3 * DAY) {
      ranges.push([start + offset, start + offset + 2.5 * DAY]);
      ranges.push([start + offset, start + offset + 65 * DAY]);
      // an instant, as the gate asks
      ranges.push([start + offset + 0.4 * DAY, start + offset + 0.4 * DAY]);
    }
    // longer than the memo keeps: expanded directly
    ranges.push([start, start + 300 * DAY]);
    for (const [from, to] of ranges) {
      expect(memo.expand(weekend, new Date(from), new Date(to))).toEqual(
        expandOccurrences(weekend, new Date(from), new Date(to)),
      );
    }
  });

  it('sees a new revision of a freeze, and one-off freezes as they are', () => {
    const memo = new OccurrenceMemo();
    const from = new Date('2026-03-01T00:00:00Z');
    const to = new Date('2026-03-31T00:00:00Z');
    expect(memo.expand(weekend, from, to)).toHaveLength(4);
    const ended: Freeze = {
      ...weekend,
      endedAt: '2026-03-16T00:00:00.000Z',
      updatedAt: '2026-03-16T00:00:00.000Z',
      revision: 2,
    };
    const cut = memo.expand(ended, from, to);
    expect(cut).toEqual(expandOccurrences(ended, from, to));
    expect(cut).toHaveLength(2);
    expect(cut[1].end).toEqual(new Date('2026-03-16T00:00:00.000Z'));
    const oneOff = { ...weekend, recurrence: undefined };
    expect(memo.expand(oneOff, from, to)).toEqual([]);
    expect(
      memo.expand(oneOff, new Date('2026-01-01'), new Date('2026-01-03')),
    ).toEqual(
      expandOccurrences(oneOff, new Date('2026-01-01'), new Date('2026-01-03')),
    );
  });
});
