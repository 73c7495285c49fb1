import fc from 'fast-check';
import { DateTime, Duration, IANAZone } from 'luxon';
import { tabledZone, zoneOffset } from './zoneOffsets';

const ZONES = Intl.supportedValuesOf('timeZone');
const HOUR_MS = 60 * 60 * 1000;

/** Instants of the years around today's horizon (now ± 5 years and more). */
const instant = fc.integer({
  min: Date.UTC(2015, 0, 1),
  max: Date.UTC(2040, 0, 1),
});

/** The instants in [from, to) where a zone's offset changes, found hour by hour, then to the millisecond. */
function changesOf(zone: IANAZone, from: number, to: number): number[] {
  const changes: number[] = [];
  for (let t = from; t < to; t += HOUR_MS) {
    if (zone.offset(t) === zone.offset(t + HOUR_MS)) continue;
    let before = t;
    let after = t + HOUR_MS;
    while (after - before > 1) {
      const middle = Math.floor((before + after) / 2);
      if (zone.offset(middle) === zone.offset(t)) before = middle;
      else after = middle;
    }
    changes.push(after);
  }
  return changes;
}

describe('zoneOffset', () => {
  it('gives what luxon reads through Intl, in any zone at any instant', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, (zone, at) => {
        expect(zoneOffset(zone, at)).toBe(IANAZone.create(zone).offset(at));
      }),
      { numRuns: 3000 },
    );
  });

  it('changes at the very millisecond of each DST change', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'Europe/Berlin',
          'America/New_York',
          'Australia/Lord_Howe', // half-hour DST
          'America/Santiago',
          'Africa/Casablanca', // DST suspended for Ramadan
          'Asia/Tehran',
          'Pacific/Chatham',
        ),
        fc.integer({ min: 2016, max: 2035 }),
        (name, year) => {
          const zone = IANAZone.create(name);
          for (const change of changesOf(
            zone,
            Date.UTC(year, 0, 1),
            Date.UTC(year + 1, 0, 1),
          )) {
            for (const at of [change - 1, change, change + 1]) {
              expect(zoneOffset(name, at)).toBe(zone.offset(at));
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('tabledZone', () => {
  it('does calendar arithmetic in luxon as the zone itself does', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        instant,
        fc.constantFrom('PT30M', 'PT2H', 'P1D', 'P2D', 'P1W', 'PT72H', 'P1M'),
        (zone, at, iso) => {
          const duration = Duration.fromISO(iso);
          const fast = DateTime.fromMillis(at, { zone: tabledZone(zone) });
          const plain = DateTime.fromMillis(at, { zone });
          expect(fast.plus(duration).toMillis()).toBe(
            plain.plus(duration).toMillis(),
          );
          expect(fast.minus(duration).toMillis()).toBe(
            plain.minus(duration).toMillis(),
          );
          expect(fast.toISO()).toBe(plain.toISO());
        },
      ),
      { numRuns: 2000 },
    );
  });
});
