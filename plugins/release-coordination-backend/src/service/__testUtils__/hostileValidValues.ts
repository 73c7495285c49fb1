/*
 * Valid values of the hostile-input tests, each to break one field of.
 */
import fc from 'fast-check';
import { REFS } from './hostileCatalog';
import { isoAt, nearTimestamp } from './hostileValues';

const HOUR = 60 * 60 * 1000;

/** A valid title-like text. */
export const validText = fc.oneof(
  fc.constantFrom(
    'Checkout 5.0',
    'Cart fix',
    'Quarter-end freeze',
    'Ünïcödé ✓',
  ),
  fc.string({ minLength: 1, maxLength: 40 }).filter(s => s.trim().length > 0),
);

/** A valid release window near now, 1 hour to 3 days long. */
export const validWindow = fc
  .tuple(nearTimestamp(), fc.integer({ min: 1, max: 72 }))
  .map(([start, hours]) => ({
    start,
    end: isoAt(Date.parse(start) + hours * HOUR),
  }));

/** A valid change inventory item. */
export const validChange = fc.record(
  {
    kind: fc.constantFrom('feature', 'fix', 'breaking', 'config'),
    title: validText,
    link: fc.constantFrom(
      'https://git.example.com/pr/1',
      'http://ci.example.com/b/2',
    ),
    entityRef: fc.constantFrom(...REFS.components),
  },
  { requiredKeys: ['kind', 'title'] },
);

/** A valid, non-empty list of the catalog's components. */
export const validComponents = fc.subarray(REFS.components, { minLength: 1 });

/** A valid freeze recurrence. */
export const validRecurrence = fc.record(
  {
    rrule: fc.constantFrom(
      'FREQ=WEEKLY;BYDAY=SA',
      'FREQ=DAILY',
      'FREQ=MONTHLY;BYMONTHDAY=1',
    ),
    timezone: fc.constantFrom('Europe/Berlin', 'UTC', 'America/New_York'),
    exdates: fc.array(nearTimestamp(), { maxLength: 2 }),
    until: nearTimestamp(130, 400),
  },
  { requiredKeys: ['rrule', 'timezone'] },
);

/** A valid freeze or train scope. */
export const validScope = fc.oneof(
  fc.constant({ systems: REFS.systems }),
  validComponents.map(entities => ({ entities })),
);
