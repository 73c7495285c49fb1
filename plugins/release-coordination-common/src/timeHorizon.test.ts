import fc from 'fast-check';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { conflictRequestSchemas, slotsQuerySchema } from './conflicts';
import {
  createFreezeRequestSchema,
  freezeOccurrencesQuerySchema,
  freezeRequestSchemas,
  gateQuerySchema,
  listFreezesQuerySchema,
  updateFreezeRequestSchema,
} from './freezes';
import { impactQuerySchema, upcomingImpactQuerySchema } from './impact';
import {
  createReleaseRequestSchema,
  describeValidationError,
  horizonTimestampSchema,
  listReleasesQuerySchema,
  releaseRequestSchemas,
  updateReleaseRequestSchema,
} from './schemas';
import {
  bookTrainSlotRequestSchema,
  createTrainRequestSchema,
  trainSlotsQuerySchema,
  trainStatsQuerySchema,
  updateTrainRequestSchema,
} from './trains';

const DAY_MS = 24 * 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
const now = Date.now();
const soon = iso(now + DAY_MS);
const later = iso(now + 2 * DAY_MS);
/** A day past the default horizon of five years, each way. */
const tooLate = iso(now + 5 * 366 * DAY_MS + DAY_MS);
const tooEarly = iso(now - 5 * 366 * DAY_MS - DAY_MS);

const release = {
  title: 'Payments',
  version: '1.0.0',
  type: 'normal',
  window: { start: soon, end: later },
  entityRefs: ['component:default/payments'],
};
const freeze = {
  title: 'Holidays',
  scope: { all: true },
  start: soon,
  end: later,
};
const recurring = {
  ...freeze,
  recurrence: { rrule: 'FREQ=DAILY', timezone: 'UTC' },
};
const train = {
  name: 'Train',
  rrule: 'FREQ=WEEKLY',
  timezone: 'UTC',
  start: soon,
  slotDuration: 'PT2H',
  cutoff: 'P1D',
  scope: { entities: ['component:default/payments'] },
};

/** Every time a request may hold: the schema, a valid request, the field and how to put a time there. */
const timeFields: [
  string,
  string,
  z.ZodType,
  (time: string) => Record<string, unknown>,
][] = [
  [
    'POST /releases',
    'window.start',
    createReleaseRequestSchema,
    t => ({
      ...release,
      window: { start: t, end: iso(Date.parse(t) + DAY_MS) },
    }),
  ],
  [
    'POST /releases',
    'window.end',
    createReleaseRequestSchema,
    t => ({
      ...release,
      window: { start: iso(Date.parse(t) - DAY_MS), end: t },
    }),
  ],
  [
    'PATCH /releases/:id',
    'window.start',
    updateReleaseRequestSchema,
    t => ({
      revision: 1,
      window: { start: t, end: iso(Date.parse(t) + DAY_MS) },
    }),
  ],
  ['GET /releases', 'from', listReleasesQuerySchema, t => ({ from: t })],
  ['GET /releases', 'to', listReleasesQuerySchema, t => ({ to: t })],
  [
    'POST /freezes',
    'start',
    createFreezeRequestSchema,
    t => ({ ...freeze, start: t, end: iso(Date.parse(t) + DAY_MS) }),
  ],
  [
    'POST /freezes',
    'end',
    createFreezeRequestSchema,
    t => ({ ...freeze, start: iso(Date.parse(t) - DAY_MS), end: t }),
  ],
  [
    'POST /freezes',
    'recurrence.until',
    createFreezeRequestSchema,
    t => ({ ...recurring, recurrence: { ...recurring.recurrence, until: t } }),
  ],
  [
    'POST /freezes',
    'recurrence.exdates.0',
    createFreezeRequestSchema,
    t => ({
      ...recurring,
      recurrence: { ...recurring.recurrence, exdates: [t] },
    }),
  ],
  [
    'PATCH /freezes/:id',
    'start',
    updateFreezeRequestSchema,
    t => ({ revision: 1, start: t }),
  ],
  [
    'PATCH /freezes/:id',
    'end',
    updateFreezeRequestSchema,
    t => ({ revision: 1, end: t }),
  ],
  [
    'GET /freeze-occurrences',
    'from',
    freezeOccurrencesQuerySchema,
    t => ({ from: t, to: iso(Date.parse(t) + DAY_MS) }),
  ],
  [
    'GET /freeze-occurrences',
    'to',
    freezeOccurrencesQuerySchema,
    t => ({ from: iso(Date.parse(t) - DAY_MS), to: t }),
  ],
  [
    'GET /gate',
    'at',
    gateQuerySchema,
    t => ({ entityRef: 'component:default/payments', at: t }),
  ],
  [
    'GET /slots',
    'after',
    slotsQuerySchema,
    t => ({
      entityRef: 'component:default/payments',
      duration: 'PT2H',
      after: t,
    }),
  ],
  [
    'POST /trains',
    'start',
    createTrainRequestSchema,
    t => ({ ...train, start: t }),
  ],
  [
    'PATCH /trains/:id',
    'start',
    updateTrainRequestSchema,
    t => ({ revision: 1, start: t }),
  ],
  ['GET /trains/:id/slots', 'from', trainSlotsQuerySchema, t => ({ from: t })],
  ['GET /trains/:id/slots', 'to', trainSlotsQuerySchema, t => ({ to: t })],
  [
    'GET /trains/:id/stats',
    'from',
    trainStatsQuerySchema,
    t => ({ from: t, to: iso(Date.parse(t) + DAY_MS) }),
  ],
  [
    'POST /releases/:id/train-slot',
    'slotStart',
    bookTrainSlotRequestSchema,
    t => ({ trainId: 't', slotStart: t }),
  ],
  [
    'GET /impact/upcoming',
    'from',
    upcomingImpactQuerySchema,
    t => ({ from: t }),
  ],
  ['GET /impact/upcoming', 'to', upcomingImpactQuerySchema, t => ({ to: t })],
];

describe('the time horizon', () => {
  it.each(timeFields)(
    '%s: %s must lie within five years of now, and the 400 says the range',
    (_route, field, schema, request) => {
      expect(schema.safeParse(request(soon)).success).toBe(true);
      for (const time of [tooLate, tooEarly, '9999-12-31T10:00:00Z']) {
        const result = schema.safeParse(request(time));
        expect(result.success).toBe(false);
        expect(describeValidationError(result.error!)).toMatch(
          new RegExp(
            `(^|; )${field.replace(
              /\./g,
              '\\.',
            )}: must be within 5 years of now, from \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z to \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z(;|$)`,
          ),
        );
      }
    },
  );

  it('takes the configured number of years and clock', () => {
    const clock = () => new Date('2030-06-01T00:00:00Z');
    const wide = freezeRequestSchemas({ years: 10, now: clock });
    const query = {
      entityRef: 'component:default/x',
      at: '2039-06-01T00:00:00Z',
    };
    expect(wide.gateQuery.parse(query).at).toBe('2039-06-01T00:00:00.000Z');
    expect(gateQuerySchema.safeParse(query).success).toBe(false);

    const narrow = releaseRequestSchemas({ years: 1, now: clock });
    const result = narrow.listReleasesQuery.safeParse({
      from: '2031-06-02T00:00:00Z',
    });
    expect(describeValidationError(result.error!)).toBe(
      'from: must be within 1 years of now, from 2029-06-01T00:00:00.000Z to 2031-06-01T00:00:00.000Z',
    );
    expect(
      conflictRequestSchemas({ years: 1, now: clock }).slotsQuery.safeParse({
        entityRef: 'component:default/x',
        duration: 'PT1H',
        after: '2031-05-31T00:00:00Z',
      }).success,
    ).toBe(true);
  });
});

describe('horizonTimestampSchema', () => {
  it('accepts exactly the instants within the calendar years around now (property)', () => {
    const instant = fc
      .date({
        min: new Date('1990-01-01T00:00:00Z'),
        max: new Date('2110-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map(d => d.toISOString());
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        instant,
        fc.integer({ min: -12, max: 12 }),
        fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }),
        (years, nowIso, shiftYears, shiftMs) => {
          // instants near the boundary are the interesting ones
          const clock = DateTime.fromISO(nowIso, { zone: 'utc' });
          const at = clock
            .plus({ years: shiftYears })
            .plus({ milliseconds: shiftMs })
            .toISO()!;
          const within =
            Date.parse(at) >= clock.minus({ years }).toMillis() &&
            Date.parse(at) <= clock.plus({ years }).toMillis();
          const schema = horizonTimestampSchema({
            years,
            now: () => clock.toJSDate(),
          });
          expect(schema.safeParse(at).success).toBe(within);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('numeric query parameters', () => {
  const numbers: [string, string, z.ZodType, Record<string, unknown>][] = [
    ['GET /releases', 'limit', listReleasesQuerySchema, {}],
    ['GET /freezes', 'limit', listFreezesQuerySchema, {}],
    ['GET /trains/:id/slots', 'count', trainSlotsQuerySchema, {}],
    ['GET /releases/:id/impact', 'maxDepth', impactQuerySchema, {}],
    [
      'GET /slots',
      'count',
      slotsQuerySchema,
      { entityRef: 'component:default/x', duration: 'PT1H' },
    ],
  ];

  it.each(numbers)(
    '%s: %s takes plain decimal digits only',
    (_route, field, schema, rest) => {
      expect(
        (schema.parse({ ...rest, [field]: '5' }) as Record<string, unknown>)[
          field
        ],
      ).toBe(5);
      for (const value of ['1e2', '0x10', ['5'], '+5', '5.0', ' 5', '', '-1']) {
        const result = schema.safeParse({ ...rest, [field]: value });
        expect(result.success).toBe(false);
        expect(describeValidationError(result.error!)).toMatch(
          new RegExp(`^${field}: `),
        );
      }
    },
  );
});
