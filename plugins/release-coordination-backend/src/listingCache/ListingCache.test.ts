import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { releaseReadPermission } from '@internal/plugin-release-coordination-common';
import fc from 'fast-check';
import { Knex } from 'knex';
import { createStores, Stores } from '../database/createStores';
import {
  databases,
  release,
  created,
  updateEvent,
} from '../database/__testUtils__/releaseStoreFixtures';
import { ListingCache, permissionsSeenByListings } from './ListingCache';

jest.setTimeout(120_000);

/** Two replicas' stores over one database. */
async function twoReplicas(knex: Knex): Promise<[Stores, Stores]> {
  const database = mockServices.database({ knex });
  return [await createStores(database), await createStores(database)];
}

/** What the listings of these tests show: every release, drafts of team-a too. */
const everything = (stores: Stores) =>
  stores.releaseStore.listReleases({
    draftOwnerRefs: ['group:default/team-a'],
    order: 'asc',
    limit: 1000,
  });

describe.each(databases.eachSupportedId())('ListingCache on %p', id => {
  it('keeps a listing until a write through either replica moves the revision', async () => {
    const [a, b] = await twoReplicas(await databases.init(id));
    const cache = new ListingCache({ revision: a.listingRevision });
    const compute = jest.fn(() => everything(a));
    const listed = () => cache.listing('key', compute);

    const first = await listed();
    expect(await listed()).toBe(first);
    expect(compute).toHaveBeenCalledTimes(1);

    // each kind of write the listing shows, through the other replica
    const kept = await b.releaseStore.createRelease(release(), [created()]);
    const writes: Array<[string, () => Promise<unknown>]> = [
      ['a release created', () => b.releaseStore.createRelease(release(), [])],
      [
        // a field conflict detection does not read
        'a description edited',
        () =>
          b.releaseStore.updateRelease({
            id: kept.id,
            revision: kept.revision,
            fields: { description: 'Edited' },
            event: updateEvent,
          }),
      ],
      [
        'a freeze declared',
        () =>
          b.freezeStore.createFreeze({
            id: '10000000-0000-4000-8000-000000000001',
            title: 'Freeze',
            description: '',
            scope: {
              all: true,
              domains: [],
              systems: [],
              groups: [],
              entities: [],
            },
            start: '2026-12-01T00:00:00.000Z',
            end: '2026-12-02T00:00:00.000Z',
            exemptTypes: [],
            createdBy: 'user:default/carol',
            createdAt: '2026-11-01T08:00:00.000Z',
            updatedAt: '2026-11-01T08:00:00.000Z',
            revision: 1,
          }),
      ],
      ['the conflicts reconciled', () => b.transactions.run(async () => {})],
    ];
    await listed();
    let computed = compute.mock.calls.length;
    for (const [what, write] of writes) {
      await listed(); // kept before the write
      expect([what, compute.mock.calls.length]).toEqual([what, computed]);
      await write();
      const after = await listed();
      expect([what, compute.mock.calls.length]).toEqual([what, computed + 1]);
      expect(after.body.toString()).toBe(JSON.stringify(await everything(b)));
      computed += 1;
    }
    expect(
      JSON.parse((await listed()).body.toString()).items.find(
        (r: { id: string }) => r.id === kept.id,
      ).description,
    ).toBe('Edited');
  });

  it('does not serve a listing computed while a write committed', async () => {
    const [a, b] = await twoReplicas(await databases.init(id));
    const cache = new ListingCache({ revision: a.listingRevision });
    let writeDuring = true;
    const compute = jest.fn(async () => {
      const page = await everything(a);
      if (writeDuring) {
        writeDuring = false;
        await b.releaseStore.createRelease(release(), []);
      }
      return page;
    });
    const stale = await cache.listing('key', compute);
    expect(JSON.parse(stale.body.toString()).items).toHaveLength(0);
    const fresh = await cache.listing('key', compute);
    expect(compute).toHaveBeenCalledTimes(2);
    expect(JSON.parse(fresh.body.toString()).items).toHaveLength(1);
  });

  it('keeps each replica in step under any interleaving of writes and reads (property)', async () => {
    const knex = await databases.init(id);
    const [a, b] = await twoReplicas(knex);
    const replicas = [a, b].map(stores => ({
      stores,
      cache: new ListingCache({ revision: stores.listingRevision }),
    }));
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('create' as const),
        by: fc.nat(1),
        draft: fc.boolean(),
      }),
      fc.record({
        kind: fc.constant('edit' as const),
        by: fc.nat(1),
        pick: fc.nat(),
        title: fc.string({ maxLength: 8 }),
      }),
      fc.record({
        kind: fc.constant('list' as const),
        by: fc.nat(1),
        key: fc.constantFrom('alice', 'bob'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 12 }), async steps => {
        // each listing served, and the listing computed afresh right after it
        const served: string[] = [];
        const fresh: string[] = [];
        for (const s of steps) {
          const { stores, cache } = replicas[s.by];
          if (s.kind === 'create') {
            await stores.releaseStore.createRelease(
              release({ state: s.draft ? 'draft' : 'planned' }),
              [],
            );
          } else if (s.kind === 'edit') {
            const { items } = await everything(stores);
            if (items.length === 0) continue;
            const target = items[s.pick % items.length];
            await stores.releaseStore.updateRelease({
              id: target.id,
              revision: target.revision,
              fields: { title: `T${s.title}` },
              event: updateEvent,
            });
          } else {
            const listing = await cache.listing(s.key, () =>
              everything(stores),
            );
            served.push(listing.body.toString());
            fresh.push(JSON.stringify(await everything(stores)));
          }
        }
        expect(served).toEqual(fresh);
      }),
      { numRuns: 25 },
    );
  });
});

describe('ListingCache', () => {
  const fixedRevision = { read: async () => 7 };

  it('does not keep a listing that asked for a permission decision', async () => {
    const permissions = permissionsSeenByListings(
      mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      }),
    );
    const cache = new ListingCache({ revision: fixedRevision });
    const asking = jest.fn(async () => {
      await permissions.authorize(
        [{ permission: releaseReadPermission, resourceRef: 'r' }],
        { credentials: {} as any },
      );
      return { items: [] };
    });
    await cache.listing('asks', asking);
    await cache.listing('asks', asking);
    expect(asking).toHaveBeenCalledTimes(2);

    const plain = jest.fn(async () => ({ items: [] }));
    await cache.listing('plain', plain);
    await cache.listing('plain', plain);
    expect(plain).toHaveBeenCalledTimes(1);

    // outside a computation the permissions service is the one it wraps
    await expect(
      permissions.authorize(
        [{ permission: releaseReadPermission, resourceRef: 'r' }],
        { credentials: {} as any },
      ),
    ).resolves.toEqual([{ result: AuthorizeResult.ALLOW }]);
  });

  it('lets the least recently used listings go beyond its size', async () => {
    // each answer below is 12 bytes: {"n":"xxxx"}
    const cache = new ListingCache({ revision: fixedRevision, maxBytes: 30 });
    const computed: string[] = [];
    const list = (key: string) =>
      cache.listing(key, async () => {
        computed.push(key);
        return { n: key };
      });
    await list('aaaa');
    await list('bbbb');
    await list('aaaa'); // kept, and now the most recently used
    await list('cccc'); // 36 bytes: bbbb goes
    await list('aaaa');
    await list('bbbb');
    expect(computed).toEqual(['aaaa', 'bbbb', 'cccc', 'bbbb']);
  });

  it('answers with the entity tag express would send', async () => {
    const cache = new ListingCache({ revision: fixedRevision });
    const { body, etag } = await cache.listing('k', async () => ({ a: 1 }));
    expect(body.toString()).toBe('{"a":1}');
    expect(etag).toMatch(/^W\/"7-[A-Za-z0-9+/]{27}"$/);
  });
});
