import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  Freeze,
  FreezeScope,
  RELEASE_STATES,
  Release,
  ReleaseType,
} from '@internal/plugin-release-coordination-common';
import fc from 'fast-check';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { createStores, Stores } from '../database/createStores';
import { recordOverlappingQueries } from '../database/__testUtils__/overlappingQueries';
import { ReleaseFields } from '../database/ReleaseStore';
import { FreezeService } from '../freezes/FreezeService';
import { ConflictTable } from './ConflictTable';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const component = (
  name: string,
  spec: object,
  relations: { type: string; targetRef: string }[] = [],
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { owner: 'team-a', ...spec },
  relations,
});

/** b depends on a; c and d are parts of system s. */
const entities = [
  component('a', {}),
  component('b', {}, [{ type: 'dependsOn', targetRef: 'component:default/a' }]),
  component('c', { system: 's' }, [
    { type: 'partOf', targetRef: 'system:default/s' },
  ]),
  component('d', { system: 's' }, [
    { type: 'partOf', targetRef: 'system:default/s' },
  ]),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 's', namespace: 'default' },
    spec: { owner: 'team-a' },
    relations: [
      { type: 'hasPart', targetRef: 'component:default/c' },
      { type: 'hasPart', targetRef: 'component:default/d' },
    ],
  },
];
const REFS = ['a', 'b', 'c', 'd'].map(n => `component:default/${n}`);
const OWNERS = ['group:default/team-a', 'group:default/team-b'];
const TYPES: ReleaseType[] = ['normal', 'hotfix', 'emergency'];
const HOUR = 60 * 60 * 1000;
const BASE = Date.UTC(2026, 11, 1);
const at = (hour: number) => new Date(BASE + hour * HOUR).toISOString();

const windowArb = fc
  .tuple(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 1, max: 8 }))
  .map(([start, length]) => ({ start: at(start), end: at(start + length) }));

/** Fields a release is created with or changed to. */
const fieldsArb = fc.record(
  {
    title: fc.constantFrom('One', 'Two', 'Three'),
    type: fc.constantFrom(...TYPES),
    state: fc.constantFrom(...RELEASE_STATES),
    window: windowArb,
    entityRefs: fc.subarray(REFS, { minLength: 1, maxLength: 2 }),
    ownerRef: fc.constantFrom(...OWNERS),
    /** An index into the releases so far: the one to follow. */
    after: fc.nat(20),
    freezeOverride: fc.boolean(),
  },
  { requiredKeys: [] },
);

const NO_SCOPE: FreezeScope = {
  all: false,
  domains: [],
  systems: [],
  groups: [],
  entities: [],
};

const freezeArb = fc.record({
  scope: fc.oneof(
    fc.constant<FreezeScope>({ ...NO_SCOPE, all: true }),
    fc.constant<FreezeScope>({ ...NO_SCOPE, systems: ['system:default/s'] }),
    fc
      .subarray(REFS, { minLength: 1, maxLength: 2 })
      .map<FreezeScope>(refs => ({ ...NO_SCOPE, entities: refs })),
  ),
  window: windowArb,
  daily: fc.boolean(),
  exemptTypes: fc.subarray(TYPES, { maxLength: 1 }),
});

/** One write, addressing releases and freezes by index into those made so far. */
const writeArb = fc.oneof(
  fc.record({ op: fc.constant('create' as const), fields: fieldsArb }),
  fc.record({
    op: fc.constant('update' as const),
    target: fc.nat(20),
    fields: fieldsArb,
  }),
  fc.record({ op: fc.constant('freeze' as const), freeze: freezeArb }),
  fc.record({
    op: fc.constant('edit-freeze' as const),
    target: fc.nat(5),
    freeze: freezeArb,
  }),
  fc.record({ op: fc.constant('end-freeze' as const), target: fc.nat(5) }),
  fc.record({ op: fc.constant('delete-freeze' as const), target: fc.nat(5) }),
);
type Write = typeof writeArb extends fc.Arbitrary<infer T> ? T : never;
type Fields = typeof fieldsArb extends fc.Arbitrary<infer T> ? T : never;

const event = {
  action: 'updated' as const,
  actorRef: 'user:default/alice',
  createdAt: at(-100),
  changes: [],
};

/** The release fields of generated fields; `after` names an earlier release. */
function releaseFields(
  fields: Fields,
  ids: string[],
  own?: string,
): Partial<ReleaseFields> {
  const { after, freezeOverride, ...rest } = fields;
  const follow = after !== undefined ? ids[after % (ids.length || 1)] : '';
  return {
    ...rest,
    ...(follow && follow !== own && { after: [follow] }),
    ...(freezeOverride !== undefined && {
      freezeOverride: freezeOverride
        ? { reason: 'CAB', by: 'user:default/alice', at: at(-100) }
        : null,
    }),
  };
}

type FreezeInput = typeof freezeArb extends fc.Arbitrary<infer T> ? T : never;

/** The fields of a generated freeze. */
function freezeOf(
  input: FreezeInput,
): Pick<Freeze, 'scope' | 'start' | 'end' | 'exemptTypes' | 'recurrence'> {
  return {
    scope: input.scope,
    start: input.window.start,
    end: input.window.end,
    exemptTypes: input.exemptTypes,
    ...(input.daily && {
      recurrence: {
        rrule: 'FREQ=DAILY',
        timezone: 'UTC',
        exdates: [],
        until: at(60),
      },
    }),
  };
}

/** Applies a write through the stores, as the services do. */
async function apply(
  stores: Stores,
  write: Write,
  seen: { releases: string[]; freezes: string[] },
) {
  const { releaseStore, freezeStore } = stores;
  const pick = (ids: string[], i: number) => ids[i % ids.length];
  switch (write.op) {
    case 'create': {
      const id = `00000000-0000-4000-8000-${String(
        seen.releases.length + 1,
      ).padStart(12, '0')}`;
      const fields = releaseFields(write.fields, seen.releases, id);
      const release: Release = {
        id,
        title: 'New',
        version: '1.0.0',
        type: 'normal',
        state: 'planned',
        window: { start: at(0), end: at(2) },
        entityRefs: [REFS[0]],
        ownerRef: OWNERS[0],
        description: '',
        changes: [],
        createdBy: 'user:default/alice',
        createdAt: at(-100),
        updatedAt: at(-100),
        revision: 1,
        ...fields,
        freezeOverride: fields.freezeOverride ?? undefined,
      } as Release;
      if (!release.freezeOverride) delete release.freezeOverride;
      await releaseStore.createRelease(release, [
        { ...event, action: 'created' },
      ]);
      seen.releases.push(id);
      return;
    }
    case 'update': {
      if (seen.releases.length === 0) return;
      const id = pick(seen.releases, write.target);
      const current = (await releaseStore.getRelease(id))!;
      await releaseStore.updateRelease({
        id,
        revision: current.revision,
        fields: releaseFields(write.fields, seen.releases, id),
        event,
      });
      return;
    }
    case 'freeze': {
      const id = `10000000-0000-4000-8000-${String(
        seen.freezes.length + 1,
      ).padStart(12, '0')}`;
      await freezeStore.createFreeze({
        id,
        title: `Freeze ${id.slice(-2)}`,
        description: '',
        ...freezeOf(write.freeze),
        createdBy: 'user:default/alice',
        createdAt: at(-100),
        updatedAt: at(-100),
        revision: 1,
      } as Freeze);
      seen.freezes.push(id);
      return;
    }
    default: {
      const live = [];
      for (const id of seen.freezes) {
        const freeze = await freezeStore.getFreeze(id);
        if (freeze && !freeze.endedAt) live.push(freeze);
      }
      if (live.length === 0) return;
      const freeze = live[write.target % live.length];
      if (write.op === 'delete-freeze') {
        await freezeStore.deleteFreeze(freeze.id);
        return;
      }
      const { recurrence, ...fields } =
        write.op === 'edit-freeze'
          ? freezeOf(write.freeze)
          : { endedAt: at(20), recurrence: undefined };
      await freezeStore.updateFreeze({
        id: freeze.id,
        revision: freeze.revision,
        fields: { ...fields, recurrence: recurrence ?? null },
        updatedAt: at(-50),
      });
    }
  }
}

describe.each(databases.eachSupportedId())(
  'the conflicts table on %p',
  (databaseId: TestDatabaseId) => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      const stores = await createStores(mockServices.database({ knex }));
      const overlapping = recordOverlappingQueries(knex);
      const catalog = new CatalogModel({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
      });
      const freezes = new FreezeService({
        store: stores.freezeStore,
        releases: stores.releaseStore,
        catalog,
        permissions: mockServices.permissions(),
      });
      const table = new ConflictTable({
        transactions: stores.transactions,
        freezes,
        catalog,
        auth: mockServices.auth(),
        maxConcurrentPerOwner: 2,
      });
      table.listen();
      return { stores, table, overlapping };
    }

    it('after any sequence of writes equals a full recomputation', async () => {
      const { stores, table, overlapping } = await setUp();
      const seen = { releases: [] as string[], freezes: [] as string[] };
      let withConflicts = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(writeArb, { minLength: 1, maxLength: 10 }),
          async writes => {
            for (const write of writes) {
              await apply(stores, write, seen);
              // a difference is fixed: check after every write
              expect(await table.reconcile()).toEqual({
                missing: 0,
                stale: 0,
                changed: 0,
              });
            }
            if ((await stores.conflictStore.listAll()).length > 0) {
              withConflicts += 1;
            }
          },
        ),
        { numRuns: 40, seed: 14 },
      );
      // the writes made conflicts to keep, not an empty table
      expect(withConflicts).toBeGreaterThan(10);
      const kinds = new Set(
        (await stores.conflictStore.listAll()).map(c => c.conflict.kind),
      );
      expect(kinds.size).toBeGreaterThanOrEqual(4);
      // the conflicts of releases are those of the table that involve them
      const all = await stores.conflictStore.listAll();
      for (const ids of [seen.releases.slice(0, 3), seen.releases]) {
        const key = (c: { audience: string; id: string }) =>
          `${c.audience}|${c.id}`;
        const listed = await stores.conflictStore.listInvolving(ids);
        expect(listed.map(key).sort()).toEqual(
          all
            .filter(c => c.conflict.releaseIds.some(id => ids.includes(id)))
            .map(c => key({ audience: c.audience, id: c.conflict.id }))
            .sort(),
        );
      }
      // a transaction's reads one after the other, on its one connection
      expect(overlapping).toEqual([]);
    });

    it('finds, counts and fixes what differs', async () => {
      const { stores, table } = await setUp();
      const seen = { releases: [] as string[], freezes: [] as string[] };
      for (const state of ['planned', 'approved'] as const) {
        await apply(
          stores,
          {
            op: 'create',
            fields: { state, window: { start: at(1), end: at(3) } },
          },
          seen,
        );
      }
      const [stored] = await stores.conflictStore.listAll();
      expect(stored.conflict.kind).toBe('same-entity');
      await stores.conflictStore.remove('all', [stored.conflict.id]);
      await stores.conflictStore.insert([
        { ...stored, conflict: { ...stored.conflict, id: 'made-up' } },
      ]);
      expect(await table.reconcile()).toEqual({
        missing: 1,
        stale: 1,
        changed: 0,
      });
      expect(await stores.conflictStore.listAll()).toEqual([stored]);
      expect(await table.reconcile()).toEqual({
        missing: 0,
        stale: 0,
        changed: 0,
      });
    });
  },
);
