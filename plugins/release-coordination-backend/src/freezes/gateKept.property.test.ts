import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  Freeze,
  ReleaseState,
  ReleaseType,
} from '@internal/plugin-release-coordination-common';
import fc from 'fast-check';
import { createTestServices } from '../__testUtils__/testServices';
import {
  entities,
  LEDGER,
  PAYMENTS,
} from '../service/__testUtils__/conflictRoutesApp';
import {
  NOW,
  releaseSeeder,
  routerTestDatabase,
} from '../service/__testUtils__/routerTestKit';
import { FreezeService } from './FreezeService';

jest.setTimeout(180_000);

const db = routerTestDatabase();
const pipeline = mockCredentials.service();
const HALF_HOUR = 30 * 60_000;
/** Three days of half hours, from 2026-12-07T00:00Z. */
const FIRST = Date.parse('2026-12-07T00:00:00Z');
const instant = fc
  .integer({ min: 0, max: 3 * 48 })
  .map(n => new Date(FIRST + n * HALF_HOUR).toISOString());
const span = fc
  .tuple(instant, fc.integer({ min: 1, max: 40 }))
  .map(([start, halves]) => ({
    start,
    end: new Date(Date.parse(start) + halves * HALF_HOUR).toISOString(),
  }));
const entityRef = fc.constantFrom(PAYMENTS, LEDGER);

const step = fc.oneof(
  fc.record({
    kind: fc.constant('release' as const),
    window: span,
    entityRef,
    state: fc.constantFrom<ReleaseState>('approved', 'in_progress', 'planned'),
    type: fc.constantFrom<ReleaseType>('normal', 'emergency'),
  }),
  fc.record({
    kind: fc.constant('freeze' as const),
    window: span,
    systems: fc.constantFrom<string[]>(['system:default/payments'], []),
  }),
  fc.record({ kind: fc.constant('gate' as const), at: instant, entityRef }),
);

describe('the deploy gate kept at the listing revision', () => {
  it('answers what the gate that reads everything answers, whatever was written in between (property)', async () => {
    let freezes = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 25 }),
        async steps => {
          const { database } = await db.init();
          const services = await createTestServices({
            database,
            catalog: catalogServiceMock({ entities }),
            now: () => NOW,
          });
          const { stores } = services;
          // the gate of a replica that keeps nothing, with the same checks
          const reading = new FreezeService({
            store: stores.freezeStore,
            releases: stores.releaseStore,
            catalog: services.catalog,
            permissions: mockServices.permissions(),
          });
          reading.addCoveringCheck(covering =>
            services.conflicts.blockingReasons(covering),
          );
          reading.addGateCheck(ref => services.rollbacks.gateReasons(ref));
          const seed = releaseSeeder(stores.releaseStore, {
            createdBy: 'user:default/alice',
            now: NOW,
          });
          const answers: { kept: unknown; read: unknown }[] = [];
          for (const s of steps) {
            if (s.kind === 'release') {
              await seed({
                state: s.state,
                type: s.type,
                window: s.window,
                entityRefs: [s.entityRef],
              });
            } else if (s.kind === 'freeze') {
              freezes += 1;
              const frozen: Freeze = {
                id: `freeze-${freezes}`,
                title: `Freeze ${freezes}`,
                description: '',
                scope: {
                  all: s.systems.length === 0,
                  domains: [],
                  systems: s.systems,
                  groups: [],
                  entities: [],
                },
                ...s.window,
                exemptTypes: ['emergency'],
                createdBy: 'user:default/alice',
                createdAt: NOW.toISOString(),
                updatedAt: NOW.toISOString(),
                revision: 1,
              };
              await stores.freezeStore.createFreeze(frozen);
            } else {
              const query = { entityRef: s.entityRef, at: s.at };
              answers.push({
                kept: await services.freezes.gate(query, pipeline),
                read: await reading.gate(query, pipeline),
              });
            }
          }
          expect(answers.map(a => a.kept)).toEqual(answers.map(a => a.read));
        },
      ),
      { numRuns: 30 },
    );
  });
});
