import { TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import {
  HostileBackend,
  HostileInputRun,
  RUNS_PER_ENDPOINT,
  REFS,
  deleteBody,
  hostileBody,
  hostileDate,
  hostileInputDatabases,
  hostileRrule,
  hostileTimeZone,
  mutated,
  nearTimestamp,
  pathSegment,
  recordResults,
  startHostileBackend,
  validChange,
  validComponents,
  validRecurrence,
  validScope,
  validText,
} from './__testUtils__/hostileInput';

jest.setTimeout(20 * 60_000);

const databases = TestDatabases.create({ ids: hostileInputDatabases() });

const HOUR = 60 * 60 * 1000;
const RELEASE_TYPES = [
  'standard',
  'normal',
  'emergency',
  'hotfix',
  'security',
  'out-of-band',
];

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
        exemptTypes: fc.subarray(RELEASE_TYPES),
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
  {
    requiredKeys: [
      'name',
      'rrule',
      'timezone',
      'start',
      'slotDuration',
      'cutoff',
      'scope',
    ],
  },
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

describe.each(databases.eachSupportedId())(
  'hostile input to the planning routes on %p',
  databaseId => {
    let backend: HostileBackend;
    let run: HostileInputRun;

    beforeAll(async () => {
      backend = await startHostileBackend(databases, databaseId);
      run = new HostileInputRun(backend);
    });

    afterAll(async () => {
      recordResults(
        `planning-${databaseId}`,
        `Freeze, train, feed and impact routes on ${databaseId}`,
        run,
      );
      await backend?.stop();
    });

    it('POST /freezes', async () => {
      await expect(
        run.check(
          'POST /freezes',
          'post',
          fc.record({
            path: fc.constant('/freezes'),
            body: fc.oneof(
              { weight: 4, arbitrary: hostileBody(validFreeze) },
              {
                weight: 1,
                arbitrary: hostileBody(freezeWithHostileRecurrence),
              },
            ),
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    it('PATCH /freezes/{id}', async () => {
      const valid = fc
        .tuple(
          fc.integer({ min: 1, max: 5 }),
          validFreeze,
          fc.subarray(
            [
              'title',
              'description',
              'scope',
              'start',
              'end',
              'recurrence',
              'exemptTypes',
            ],
            { minLength: 1 },
          ),
          fc.boolean(),
        )
        .map(([revision, freeze, fields, dropRecurrence]) => ({
          revision,
          ...Object.fromEntries(
            fields.map(f => [f, (freeze as Record<string, unknown>)[f]]),
          ),
          ...(dropRecurrence &&
            fields.includes('recurrence') && { recurrence: null }),
        }));
      await expect(
        run.check(
          'PATCH /freezes/{id}',
          'patch',
          fc.record({
            path: pathSegment(backend.ids.freezes).map(id => `/freezes/${id}`),
            body: hostileBody(valid),
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    it('POST /freezes/{id}/end', async () => {
      await expect(
        run.check(
          'POST /freezes/{id}/end',
          'post',
          fc.record({
            path: pathSegment(backend.ids.freezes).map(
              id => `/freezes/${id}/end`,
            ),
            body: hostileBody(
              fc.record({ reason: validText }, { requiredKeys: [] }),
            ),
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    it('POST /trains', async () => {
      await expect(
        run.check(
          'POST /trains',
          'post',
          fc.record({
            path: fc.constant('/trains'),
            body: fc.oneof(
              { weight: 4, arbitrary: hostileBody(validTrain) },
              { weight: 1, arbitrary: hostileBody(trainWithHostileTimes) },
            ),
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    it('PATCH /trains/{id}', async () => {
      const valid = fc
        .tuple(
          fc.integer({ min: 1, max: 5 }),
          validTrain,
          fc.subarray(
            [
              'name',
              'description',
              'rrule',
              'timezone',
              'start',
              'slotDuration',
              'cutoff',
              'scope',
            ],
            { minLength: 1 },
          ),
        )
        .map(([revision, train, fields]) => ({
          revision,
          ...Object.fromEntries(
            fields.map(f => [f, (train as Record<string, unknown>)[f]]),
          ),
        }));
      await expect(
        run.check(
          'PATCH /trains/{id}',
          'patch',
          fc.record({
            path: pathSegment(backend.ids.trains).map(id => `/trains/${id}`),
            body: hostileBody(valid),
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    it('POST /impact', async () => {
      const valid = fc.record(
        {
          entityRefs: validComponents,
          changes: fc.array(validChange, { maxLength: 3 }),
          maxDepth: fc.integer({ min: 1, max: 5 }),
        },
        { requiredKeys: ['entityRefs'] },
      );
      await expect(
        run.check(
          'POST /impact',
          'post',
          fc.record({ path: fc.constant('/impact'), body: hostileBody(valid) }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    it('POST /calendar-feeds', async () => {
      const filters = fc.record(
        {
          entityRef: fc.constantFrom(...REFS.components),
          system: fc.constantFrom('checkout', 'system:default/checkout'),
          owner: fc.constantFrom(...REFS.groups),
        },
        { requiredKeys: [] },
      );
      await expect(
        run.check(
          'POST /calendar-feeds',
          'post',
          fc.record({
            path: fc.constant('/calendar-feeds'),
            body: fc.oneof(
              hostileBody(fc.record({ filters }, { requiredKeys: [] })),
              mutated(filters).map(f => ({
                contentType: 'application/json',
                text: JSON.stringify({ filters: f }),
              })),
            ),
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    // the deletions last: a deleted freeze or train is gone for the checks above
    it('DELETE /calendar-feeds/{id}', async () => {
      await expect(
        run.check(
          'DELETE /calendar-feeds/{id}',
          'delete',
          fc.record({
            path: pathSegment(backend.ids.feeds).map(
              id => `/calendar-feeds/${id}`,
            ),
            body: deleteBody,
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    it('DELETE /freezes/{id}', async () => {
      await expect(
        run.check(
          'DELETE /freezes/{id}',
          'delete',
          fc.record({
            path: pathSegment(backend.ids.freezes).map(id => `/freezes/${id}`),
            body: deleteBody,
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    it('DELETE /trains/{id}', async () => {
      await expect(
        run.check(
          'DELETE /trains/{id}',
          'delete',
          fc.record({
            path: pathSegment(backend.ids.trains).map(id => `/trains/${id}`),
            body: deleteBody,
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });
  },
);
