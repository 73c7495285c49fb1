import { RELEASE_TYPES } from '@internal/plugin-release-coordination-common';
import fc from 'fast-check';
import { REFS } from './__testUtils__/hostileCatalog';
import { hostileBody, pathSegment } from './__testUtils__/hostileRequests';
import { describeHostileSuite } from './__testUtils__/hostileSuite';
import {
  validChange,
  validComponents,
  validRecurrence,
  validScope,
  validText,
} from './__testUtils__/hostileValidValues';
import {
  hostileDate,
  hostileRrule,
  hostileTimeZone,
  mutated,
  nearTimestamp,
} from './__testUtils__/hostileValues';

const HOUR = 60 * 60 * 1000;

/** A valid freeze's times: start near now, 30 minutes to 5 days long. */
const freezeTimes = fc
  .tuple(nearTimestamp(), fc.integer({ min: 1, max: 120 }))
  .map(([start, hours]) => ({
    start,
    end: new Date(Date.parse(start) + hours * HOUR).toISOString(),
  }));

/** A valid freeze body, recurring or not. */
const validFreeze = fc
  .tuple(
    fc.record(
      {
        title: validText,
        description: fc.constantFrom(
          '',
          'Quarter end.',
          '[docs](https://x.example.com)',
        ),
        scope: fc.oneof(
          fc.constant({ all: true }),
          validScope,
          fc.constant({ groups: REFS.groups }),
        ),
        recurrence: validRecurrence,
        exemptTypes: fc.subarray([...RELEASE_TYPES]),
      },
      { requiredKeys: ['title', 'scope'] },
    ),
    freezeTimes,
  )
  .map(([fields, times]) => ({ ...fields, ...times }));

/** A valid freeze body whose RRULE and time zone may also be hostile (broken more often than one field). */
const freezeWithHostileRecurrence = fc
  .tuple(
    validFreeze,
    hostileRrule,
    hostileTimeZone,
    fc.array(hostileDate, { maxLength: 3 }),
  )
  .map(([freeze, rrule, timezone, exdates]) => ({
    ...freeze,
    recurrence: { rrule, timezone, exdates },
  }));

/** The fields of a train body. */
const TRAIN_FIELDS = [
  'name',
  'description',
  'rrule',
  'timezone',
  'start',
  'slotDuration',
  'cutoff',
  'scope',
] as const;

/** A valid train body. */
const validTrain = fc.record(
  {
    name: validText,
    description: fc.constantFrom('', 'Weekly.'),
    rrule: fc.constantFrom(
      'FREQ=WEEKLY;BYDAY=TU',
      'FREQ=DAILY',
      'FREQ=WEEKLY;BYDAY=MO,TH',
    ),
    timezone: fc.constantFrom('Europe/Berlin', 'UTC'),
    start: nearTimestamp(-30, 30),
    slotDuration: fc.constantFrom('PT2H', 'PT4H', 'P1D'),
    cutoff: fc.constantFrom('P1D', 'PT12H'),
    scope: validScope,
  },
  { requiredKeys: TRAIN_FIELDS.filter(field => field !== 'description') },
);

const trainWithHostileTimes = fc
  .tuple(
    validTrain,
    hostileRrule,
    hostileTimeZone,
    hostileDate,
    fc.constantFrom('P400D', 'PT0S', '-PT1H', 'P1Y', 'garbage', 'PT999999H'),
  )
  .map(([train, rrule, timezone, start, duration]) => ({
    ...train,
    rrule,
    timezone,
    start,
    slotDuration: duration,
  }));

/** POSTs to `path` of bodies around `valid`, and (one in five) around `hostile`, which is broken in more than one field. */
const creations = (
  path: string,
  valid: fc.Arbitrary<unknown>,
  hostile: fc.Arbitrary<unknown>,
) => ({
  path: fc.constant(path),
  body: fc.oneof(
    { weight: 4, arbitrary: hostileBody(valid) },
    { weight: 1, arbitrary: hostileBody(hostile) },
  ),
});

/** A valid PATCH body: a revision and some (at least one) of the fields of a valid body. */
function patchOf<T extends object>(
  valid: fc.Arbitrary<T>,
  fields: (keyof T & string)[],
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      fc.integer({ min: 1, max: 5 }),
      valid,
      fc.subarray(fields, { minLength: 1 }),
    )
    .map(([revision, body, picked]) => ({
      revision,
      ...Object.fromEntries(picked.map(field => [field, body[field]])),
    }));
}

describeHostileSuite(
  {
    title: 'hostile input to the planning routes',
    resultsKey: 'planning',
    resultsTitle: 'Freeze, train, feed and impact routes',
  },
  ({ backend, endpoint }) => {
    const freeze = () => pathSegment(backend().ids.freezes);
    const train = () => pathSegment(backend().ids.trains);

    endpoint('POST /freezes', () =>
      creations('/freezes', validFreeze, freezeWithHostileRecurrence),
    );

    endpoint('PATCH /freezes/{id}', () => ({
      path: freeze().map(id => `/freezes/${id}`),
      body: hostileBody(
        fc
          .tuple(
            patchOf(validFreeze, [
              'title',
              'description',
              'scope',
              'start',
              'end',
              'recurrence',
              'exemptTypes',
            ]),
            fc.boolean(),
          )
          .map(([patch, dropRecurrence]) =>
            dropRecurrence && 'recurrence' in patch
              ? { ...patch, recurrence: null }
              : patch,
          ),
      ),
    }));

    endpoint('POST /freezes/{id}/end', () => ({
      path: freeze().map(id => `/freezes/${id}/end`),
      body: hostileBody(fc.record({ reason: validText }, { requiredKeys: [] })),
    }));

    endpoint('POST /trains', () =>
      creations('/trains', validTrain, trainWithHostileTimes),
    );

    endpoint('PATCH /trains/{id}', () => ({
      path: train().map(id => `/trains/${id}`),
      body: hostileBody(patchOf(validTrain, [...TRAIN_FIELDS])),
    }));

    endpoint('POST /impact', () => ({
      path: fc.constant('/impact'),
      body: hostileBody(
        fc.record(
          {
            entityRefs: validComponents,
            changes: fc.array(validChange, { maxLength: 3 }),
            maxDepth: fc.integer({ min: 1, max: 5 }),
          },
          { requiredKeys: ['entityRefs'] },
        ),
      ),
    }));

    endpoint('POST /calendar-feeds', () => {
      const filters = fc.record(
        {
          entityRef: fc.constantFrom(...REFS.components),
          system: fc.constantFrom('checkout', 'system:default/checkout'),
          owner: fc.constantFrom(...REFS.groups),
        },
        { requiredKeys: [] },
      );
      return {
        path: fc.constant('/calendar-feeds'),
        body: fc.oneof(
          hostileBody(fc.record({ filters }, { requiredKeys: [] })),
          mutated(filters).map(f => ({
            contentType: 'application/json',
            text: JSON.stringify({ filters: f }),
          })),
        ),
      };
    });

    // the deletions last: a deleted freeze or train is gone for the checks above
    for (const [route, ids] of [
      ['calendar-feeds', 'feeds'],
      ['freezes', 'freezes'],
      ['trains', 'trains'],
    ] as const) {
      endpoint(`DELETE /${route}/{id}`, () => ({
        path: pathSegment(backend().ids[ids]).map(id => `/${route}/${id}`),
      }));
    }
  },
);
