import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import createKnex, { Knex } from 'knex';
import { createStores } from '../database/createStores';
import { releaseSeeder } from '../service/__testUtils__/routerTestKit';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const opened: Knex[] = [];
afterAll(async () => {
  await Promise.all(opened.map(k => k.destroy()));
});

const AT = '2026-11-26T12:00:00.000Z';
const day = (n: number) =>
  new Date(Date.parse(AT) + n * 24 * 3600 * 1000).toISOString();
const ALICE = 'user:default/alice';

const item = (id: string, dueDate: string, ownerRef = ALICE) => ({
  id,
  title: `Do ${id}`,
  ownerRef,
  dueDate,
  status: 'open' as const,
  createdBy: ALICE,
  createdAt: AT,
});

async function setup(id: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(id);
  const stores = await createStores(mockServices.database({ knex }));
  const seed = releaseSeeder(stores.releaseStore, {
    createdBy: ALICE,
    now: new Date(AT),
  });
  return { knex, stores, store: stores.reviewStore, seed };
}

const requiredSince = (releaseId: string, finishedAt: string) => ({
  releaseId,
  required: true,
  requiredBecause: ['rolled-back' as const],
  finishedAt,
});

/**
 * Four finished releases of payments-service with their reviews: Old (day
 * 0) and Recent (day 9) required and open, Done (day 1) required and
 * completed, Optional (day 2) not required and completed.
 */
async function seedFinished(
  store: Awaited<ReturnType<typeof setup>>['store'],
  seed: Awaited<ReturnType<typeof setup>>['seed'],
) {
  const old = await seed({ state: 'rolled_back', title: 'Old' });
  const recent = await seed({ state: 'rolled_back', title: 'Recent' });
  const done = await seed({
    state: 'released',
    type: 'emergency',
    title: 'Done',
  });
  const optional = await seed({ state: 'released', title: 'Optional' });
  await store.syncRequirement(requiredSince(old.id, day(0)));
  await store.syncRequirement(requiredSince(recent.id, day(9)));
  await store.syncRequirement(requiredSince(done.id, day(1)));
  await store.syncRequirement({
    releaseId: optional.id,
    required: false,
    requiredBecause: [],
    finishedAt: day(2),
  });
  await store.updateReview(
    { releaseId: done.id, revision: 1, by: ALICE, at: day(3) },
    { lessons: 'l', status: 'completed' },
  );
  await store.updateReview(
    { releaseId: optional.id, revision: 1, by: ALICE, at: day(3) },
    { lessons: 'l', status: 'completed' },
  );
  return { old, recent, done, optional };
}

describe.each(databases.eachSupportedId())('DatabaseReviewStore on %p', id => {
  it('creates one review per release, keeps its requirement in step and changes it only at the revision the caller saw', async () => {
    const { store, seed } = await setup(id);
    const release = await seed({ state: 'rolled_back' });
    expect(await store.isEmpty()).toBe(true);
    const requirement = {
      releaseId: release.id,
      required: false,
      requiredBecause: [],
      finishedAt: day(0),
    };
    await Promise.all([
      store.syncRequirement(requirement),
      store.syncRequirement(requirement),
    ]);
    await store.syncRequirement({
      ...requirement,
      required: true,
      requiredBecause: ['rolled-back'],
      finishedAt: day(1),
    });
    expect(await store.getReview(release.id)).toEqual({
      releaseId: release.id,
      required: true,
      requiredBecause: ['rolled-back'],
      finishedAt: day(1),
      status: 'open',
      wentWell: '',
      wentWrong: '',
      lessons: '',
      revision: 1,
      actionItems: [],
    });

    const change = { releaseId: release.id, by: ALICE, at: day(2) };
    expect(
      await store.updateReview(
        { ...change, revision: 1 },
        { lessons: 'Canary first', status: 'completed' },
      ),
    ).toBe(true);
    expect(
      await store.updateReview({ ...change, revision: 1 }, { wentWell: 'x' }),
    ).toBe(false);
    expect(
      await store.addActionItem(
        { ...change, revision: 2 },
        item('a', '2026-12-01'),
      ),
    ).toBe(true);
    expect(
      await store.addActionItem(
        { ...change, revision: 2 },
        item('b', '2026-12-01'),
      ),
    ).toBe(false);
    expect(
      await store.updateActionItem({ ...change, revision: 3 }, 'a', {
        status: 'done',
      }),
    ).toBe(true);
    // a requirement sync leaves what people wrote alone
    await store.syncRequirement({ ...requirement, finishedAt: day(1) });
    const review = await store.getReview(release.id);
    expect(review).toMatchObject({
      required: false,
      status: 'completed',
      lessons: 'Canary first',
      completedBy: ALICE,
      completedAt: day(2),
      updatedBy: ALICE,
      revision: 4,
      actionItems: [
        {
          id: 'a',
          status: 'done',
          doneBy: ALICE,
          doneAt: day(2),
          dueDate: '2026-12-01',
        },
      ],
    });
    await store.updateActionItem({ ...change, revision: 4 }, 'a', {
      status: 'open',
    });
    expect((await store.getReview(release.id))?.actionItems[0]).toEqual(
      item('a', '2026-12-01'),
    );
    expect(await store.isEmpty()).toBe(false);
  });

  it('lists reviews newest finished first by entity, owner, status, requirement and words, page by page', async () => {
    const { store, seed } = await setup(id);
    const ledger = await seed({
      state: 'rolled_back',
      title: 'Ledger 4.2',
      entityRefs: ['component:default/ledger'],
    });
    const pay = await seed({ state: 'released', title: 'Payments 100%_off' });
    const other = await seed({
      state: 'verified',
      title: 'Search',
      ownerRef: 'group:default/search',
      entityRefs: ['component:default/search'],
    });
    await store.syncRequirement({
      releaseId: ledger.id,
      required: true,
      requiredBecause: ['rolled-back'],
      finishedAt: day(3),
    });
    await store.syncRequirement({
      releaseId: pay.id,
      required: false,
      requiredBecause: [],
      finishedAt: day(2),
    });
    await store.syncRequirement({
      releaseId: other.id,
      required: false,
      requiredBecause: [],
      finishedAt: day(1),
    });
    const change = { by: ALICE, at: day(4), revision: 1 };
    await store.updateReview(
      { ...change, releaseId: other.id },
      { wentWrong: 'The Synonym index was STALE' },
    );
    await store.addActionItem(
      { ...change, releaseId: ledger.id },
      item('x', '2026-12-01'),
    );

    const ids = async (filter: object) =>
      (await store.listReviews({ limit: 10, ...filter })).items.map(
        r => r.releaseTitle,
      );
    expect(await ids({})).toEqual([
      'Ledger 4.2',
      'Payments 100%_off',
      'Search',
    ]);
    expect(
      await ids({
        entityRefs: ['component:default/ledger', 'component:default/search'],
      }),
    ).toEqual(['Ledger 4.2', 'Search']);
    expect(await ids({ ownerRef: 'group:default/search' })).toEqual(['Search']);
    expect(await ids({ required: true })).toEqual(['Ledger 4.2']);
    expect(await ids({ required: false, status: 'open' })).toEqual([
      'Payments 100%_off',
      'Search',
    ]);
    expect(await ids({ q: 'synonym stale' })).toEqual(['Search']);
    expect(await ids({ q: 'synonym ledger' })).toEqual([]);
    expect(await ids({ q: 'do x' })).toEqual(['Ledger 4.2']);
    // LIKE wildcards in the words are plain characters
    expect(await ids({ q: '100%_' })).toEqual(['Payments 100%_off']);
    expect(await ids({ q: '%' })).toEqual(['Payments 100%_off']);

    const first = await store.listReviews({ limit: 2 });
    expect(first.items[0]).toMatchObject({
      releaseState: 'rolled_back',
      ownerRef: 'group:default/team-pay',
      entityRefs: ['component:default/ledger'],
      actionItems: [expect.objectContaining({ id: 'x' })],
    });
    const second = await store.listReviews({
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.items.map(r => r.releaseTitle)).toEqual(['Search']);
    expect(second.nextCursor).toBeUndefined();
    await expect(
      store.listReviews({ limit: 2, cursor: 'nope' }),
    ).rejects.toThrow(/cursor/);
  });

  it('counts required reviews and their completion per period bucket and scope', async () => {
    const { store, seed } = await setup(id);
    await seedFinished(store, seed);
    const elsewhere = await seed({
      state: 'rolled_back',
      title: 'Elsewhere',
      entityRefs: ['component:default/search'],
    });
    await store.syncRequirement(requiredSince(elsewhere.id, day(3)));
    const bucket = (from: number, to: number) => ({
      start: Date.parse(day(from)),
      end: Date.parse(day(to)),
    });
    // required: old and elsewhere (open) and done (completed) finished in
    // the first bucket, recent (open) in the second; optional does not count
    expect(
      await store.countCompletion({ buckets: [bucket(0, 5), bucket(5, 10)] }),
    ).toEqual([
      { required: 3, completed: 1 },
      { required: 1, completed: 0 },
    ]);
    expect(
      await store.countCompletion({
        entityRefs: ['component:default/payments-service'],
        buckets: [bucket(0, 9)],
      }),
    ).toEqual([{ required: 2, completed: 1 }]);
    expect(
      await store.countCompletion({
        entityRefs: ['component:default/search', 'component:default/none'],
        buckets: [bucket(0, 9)],
      }),
    ).toEqual([{ required: 1, completed: 0 }]);
    expect(
      await store.countCompletion({
        entityRefs: ['component:default/other'],
        buckets: [bucket(0, 5), bucket(5, 10)],
      }),
    ).toEqual([
      { required: 0, completed: 0 },
      { required: 0, completed: 0 },
    ]);
    expect(await store.countCompletion({ buckets: [bucket(20, 30)] })).toEqual([
      { required: 0, completed: 0 },
    ]);
  });

  it('finds overdue required reviews of an entity and claims each action-item reminder once per due date across replicas', async () => {
    const { knex, store, seed } = await setup(id);
    const { old } = await seedFinished(store, seed);
    expect(
      await store.overdueRequired({
        entityRefs: ['component:default/payments-service'],
        finishedBefore: new Date(day(5)),
        exceptId: 'next',
      }),
    ).toEqual([{ releaseId: old.id, title: 'Old', finishedAt: day(0) }]);
    expect(
      await store.overdueRequired({
        entityRefs: ['component:default/other'],
        finishedBefore: new Date(day(5)),
        exceptId: 'next',
      }),
    ).toEqual([]);
    const change = { releaseId: old.id, by: ALICE, at: day(1) };
    await store.addActionItem(
      { ...change, revision: 1 },
      item('late', '2026-11-27'),
    );
    await store.addActionItem(
      { ...change, revision: 2 },
      item('due-today', '2026-11-30'),
    );
    await store.addActionItem(
      { ...change, revision: 3 },
      item('closed', '2026-11-27'),
    );
    await store.updateActionItem({ ...change, revision: 4 }, 'closed', {
      status: 'done',
    });
    const overdue = await store.listUnremindedOverdue('2026-11-30');
    expect(overdue.map(i => [i.id, i.releaseId])).toEqual([['late', old.id]]);

    // a second replica on its own pool (in-memory SQLite cannot be shared)
    const second =
      id === 'SQLITE_3' ? knex : createKnex(knex.client.config as Knex.Config);
    if (second !== knex) opened.push(second);
    const other = (await createStores(mockServices.database({ knex: second })))
      .reviewStore;
    const claims = await Promise.all([
      store.claimReminder('late', '2026-11-27'),
      other.claimReminder('late', '2026-11-27'),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.listUnremindedOverdue('2026-11-30')).toEqual([]);
    // moving the due date re-arms the reminder
    await store.updateActionItem({ ...change, revision: 5 }, 'late', {
      dueDate: '2026-11-28',
    });
    expect(
      (await other.listUnremindedOverdue('2026-11-30')).map(i => i.id),
    ).toEqual(['late']);
    expect(await other.claimReminder('late', '2026-11-28')).toBe(true);
    expect(await store.claimReminder('late', '2026-11-28')).toBe(false);
  });
});
