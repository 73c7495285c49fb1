import fc from 'fast-check';
import { inTimeZone, instantText, periodText } from './timeTexts';

const NOW = new Date('2026-12-07T15:00:00Z');
const MINUTE = 60_000;
const YEAR = 365 * 24 * 60 * MINUTE;
const ZONES = [
  'utc',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
];

describe('time texts', () => {
  it('says instants and periods in UTC unless a zone is given', () => {
    expect(instantText('2026-12-12T09:00:00Z')).toBe('Sat Dec 12, 09:00 UTC');
    expect(periodText('2026-12-12T09:00:00Z', '2026-12-12T11:00:00Z')).toBe(
      'Sat Dec 12, 09:00–11:00 UTC',
    );
    expect(periodText('2026-12-11T15:00:00Z', '2026-12-14T07:00:00Z')).toBe(
      'Fri Dec 11, 15:00 – Mon Dec 14, 07:00 UTC',
    );
    // a period within a UTC day can cross midnight in the reader's zone
    expect(
      periodText(
        '2026-12-12T22:00:00Z',
        '2026-12-12T23:30:00Z',
        'Europe/Berlin',
      ),
    ).toBe('Sat Dec 12, 23:00 – Sun Dec 13, 00:30 GMT+1');
  });

  it("turns a server's UTC times into the reader's zone and leaves the rest of the text alone", () => {
    const text = `"Checkout 3.15" overlaps "Weekend freeze" (Fri Dec 11, 15:00 – Mon Dec 14, 07:00 UTC); move it to start at or after Mon Dec 14, 07:00 UTC, or after Sat Dec 12, 09:00–11:00 UTC.`;
    expect(inTimeZone(text, 'Europe/Berlin', NOW)).toBe(
      `"Checkout 3.15" overlaps "Weekend freeze" (Fri Dec 11, 16:00 – Mon Dec 14, 08:00 GMT+1); move it to start at or after Mon Dec 14, 08:00 GMT+1, or after Sat Dec 12, 10:00–12:00 GMT+1.`,
    );
    expect(inTimeZone('No time here: 09:00 UTC, Sat 12', 'Asia/Kolkata')).toBe(
      'No time here: 09:00 UTC, Sat 12',
    );
    // a weekday that does not fit the date in any year near now stays as written
    expect(inTimeZone('Mon Dec 12, 09:00 UTC', 'Europe/Berlin', NOW)).toBe(
      'Mon Dec 12, 09:00 UTC',
    );
  });

  it('reads back every instant and period within two years of now, in any zone', () => {
    const minute = fc
      .integer({
        min: Math.ceil((NOW.getTime() - 2 * YEAR) / MINUTE),
        max: Math.floor((NOW.getTime() + 2 * YEAR) / MINUTE),
      })
      .map(m => m * MINUTE);
    fc.assert(
      fc.property(
        minute,
        fc.integer({ min: 0, max: 9 * 24 * 60 }),
        fc.constantFrom(...ZONES),
        (start, minutes, zone) => {
          const end = start + minutes * MINUTE;
          expect(inTimeZone(instantText(start), zone, NOW)).toBe(
            instantText(start, zone),
          );
          expect(inTimeZone(`from ${periodText(start, end)}.`, zone, NOW)).toBe(
            `from ${periodText(start, end, zone)}.`,
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
