import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
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
import { gunzipSync } from 'node:zlib';
import { ListingCache } from './ListingCache';

const caller = mockCredentials.user('user:default/alice');
const allowAll = mockServices.permissions();

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
    const cache = new ListingCache({
      revision: a.listingRevision,
      permissions: allowAll,
    });
    const compute = jest.fn(() => everything(a));
    const listed = () => cache.listing('key', caller, compute);

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
    const cache = new ListingCache({
      revision: a.listingRevision,
      permissions: allowAll,
    });
    let writeDuring = true;
    const compute = jest.fn(async () => {
      const page = await everything(a);
      if (writeDuring) {
        writeDuring = false;
        await b.releaseStore.createRelease(release(), []);
      }
      return page;
    });
    const stale = await cache.listing('key', caller, compute);
    expect(JSON.parse(stale.body.toString()).items).toHaveLength(0);
    const fresh = await cache.listing('key', caller, compute);
    expect(compute).toHaveBeenCalledTimes(2);
    expect(JSON.parse(fresh.body.toString()).items).toHaveLength(1);
  });

  it('keeps each replica in step under any interleaving of writes and reads (property)', async () => {
    const knex = await databases.init(id);
    const [a, b] = await twoReplicas(knex);
    const replicas = [a, b].map(stores => ({
      stores,
      cache: new ListingCache({
        revision: stores.listingRevision,
        permissions: allowAll,
      }),
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
            const listing = await cache.listing(s.key, caller, () =>
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

  it('serves a listing that asked permission questions only while they get the same answers', async () => {
    let read: AuthorizeResult = AuthorizeResult.ALLOW;
    const authorize = jest.fn(async (requests: unknown[]) =>
      requests.map(() => ({ result: read })),
    );
    const cache = new ListingCache({
      revision: fixedRevision,
      permissions: mockServices.permissions.mock({ authorize } as any),
    });
    const asking = jest.fn(async () => {
      const [decision] = await cache.permissions.authorize(
        [{ permission: releaseReadPermission, resourceRef: 'r' }],
        { credentials: caller },
      );
      return { shown: decision.result === AuthorizeResult.ALLOW };
    });
    const shown = async () =>
      JSON.parse((await cache.listing('k', caller, asking)).body.toString())
        .shown;

    expect(await shown()).toBe(true);
    expect(await shown()).toBe(true); // kept: the question asked again
    expect(asking).toHaveBeenCalledTimes(1);
    expect(authorize).toHaveBeenCalledTimes(2);
    expect(authorize).toHaveBeenLastCalledWith(
      [{ permission: releaseReadPermission, resourceRef: 'r' }],
      { credentials: caller },
    );

    read = AuthorizeResult.DENY; // the policy changed, no write
    expect(await shown()).toBe(false);
    expect(asking).toHaveBeenCalledTimes(2);
    expect(await shown()).toBe(false);
    expect(asking).toHaveBeenCalledTimes(2);

    // outside a computation the service only passes the question on
    await expect(
      cache.permissions.authorize(
        [{ permission: releaseReadPermission, resourceRef: 'r' }],
        { credentials: caller },
      ),
    ).resolves.toEqual([{ result: AuthorizeResult.DENY }]);
  });

  it('lets the least recently used listings go beyond its size', async () => {
    // each answer below is 12 bytes: {"n":"xxxx"}
    const cache = new ListingCache({
      revision: fixedRevision,
      permissions: allowAll,
      maxBytes: 30,
    });
    const computed: string[] = [];
    const list = (key: string) =>
      cache.listing(key, caller, async () => {
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
    const cache = new ListingCache({
      revision: fixedRevision,
      permissions: allowAll,
    });
    const { body, etag } = await cache.listing('k', caller, async () => ({
      a: 1,
    }));
    expect(body.toString()).toBe('{"a":1}');
    expect(etag).toMatch(/^W\/"7-[A-Za-z0-9+/]{27}"$/);
  });

  it('shares a value read at a revision with every request at that revision, until it moves', async () => {
    let revision = 1;
    const cache = new ListingCache({
      revision: { read: async () => revision },
      permissions: allowAll,
    });
    let reads = 0;
    const read = jest.fn(async () => ({ read: ++reads }));

    // two requests at once read it once
    const [one, two] = await Promise.all([
      cache.atRevision(),
      cache.atRevision(),
    ]);
    const both = await Promise.all([one('v', read), two('v', read)]);
    expect(both).toEqual([{ read: 1 }, { read: 1 }]);
    expect(await (await cache.atRevision())('v', read)).toEqual({ read: 1 });
    expect(read).toHaveBeenCalledTimes(1);

    // a request that read the revision before a write keeps nothing after it
    const before = await cache.atRevision();
    revision = 2;
    const after = await cache.atRevision();
    expect(await after('v', read)).toEqual({ read: 2 });
    expect(await before('v', read)).toEqual({ read: 3 });
    expect(await (await cache.atRevision())('v', read)).toEqual({ read: 2 });

    // a failed read is not kept
    const failing = jest.fn(async () => {
      throw new Error('database gone');
    });
    await expect((await cache.atRevision())('f', failing)).rejects.toThrow(
      'database gone',
    );
    expect(await (await cache.atRevision())('f', read)).toEqual({ read: 4 });
  });

  it('lets the least recently used values go beyond their size', async () => {
    // each value below is 12 bytes as JSON: {"n":"xxxx"}
    const cache = new ListingCache({
      revision: fixedRevision,
      permissions: allowAll,
      maxValueBytes: 30,
    });
    const computed: string[] = [];
    const value = async (key: string) =>
      (await cache.atRevision())(key, async () => {
        computed.push(key);
        return { n: key };
      });
    await value('aaaa');
    await value('bbbb');
    await value('aaaa');
    await value('cccc'); // 36 bytes: bbbb goes
    await value('aaaa');
    await value('bbbb');
    expect(computed).toEqual(['aaaa', 'bbbb', 'cccc', 'bbbb']);
  });

  it('compresses a kept listing once, and counts the compressed body in its size', async () => {
    // each answer below is 12 bytes ({"n":"xxxx"}); compressed, 32
    const cache = new ListingCache({
      revision: fixedRevision,
      permissions: allowAll,
      maxBytes: 60,
    });
    const computed: string[] = [];
    const list = (key: string) =>
      cache.listing(key, caller, async () => {
        computed.push(key);
        return { n: key };
      });
    const a = await list('aaaa');
    const zipped = await a.gzipped();
    expect(gunzipSync(zipped).equals(a.body)).toBe(true);
    expect(zipped.length).toBe(32);
    expect(await (await list('aaaa')).gzipped()).toBe(zipped);
    await (await list('bbbb')).gzipped(); // 88 bytes: aaaa goes
    await list('bbbb');
    await list('aaaa');
    expect(computed).toEqual(['aaaa', 'bbbb', 'aaaa']);
  });
});
