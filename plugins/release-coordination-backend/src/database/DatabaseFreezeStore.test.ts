import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Freeze } from '@internal/plugin-release-coordination-common';
import { createStores } from './createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

let counter = 0;
function freeze(overrides: Partial<Freeze> = {}): Freeze {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    title: `Freeze ${counter}`,
    description: '',
    scope: {
      all: false,
      domains: [],
      systems: ['system:default/payments'],
      groups: [],
      entities: [],
    },
    start: '2026-12-01T10:00:00.000Z',
    end: '2026-12-02T10:00:00.000Z',
    exemptTypes: ['emergency', 'security'],
    createdBy: 'user:default/carol',
    createdAt: '2026-11-01T08:00:00.000Z',
    updatedAt: '2026-11-01T08:00:00.000Z',
    revision: 1,
    ...overrides,
  };
}

const weekly = {
  rrule: 'FREQ=WEEKLY;BYDAY=FR',
  timezone: 'Europe/Berlin',
  exdates: ['2026-03-27T15:00:00.000Z'],
};

describe.each(databases.eachSupportedId())('DatabaseFreezeStore on %p', id => {
  async function createStore() {
    const knex = await databases.init(id);
    return createStores(mockServices.database({ knex })).then(
      stores => stores.freezeStore,
    );
  }

  it('creates, reads, deletes and reports emptiness', async () => {
    const store = await createStore();
    expect(await store.isEmpty()).toBe(true);
    const oneOff = freeze();
    expect(await store.createFreeze(oneOff)).toEqual(oneOff);
    const recurring = freeze({
      scope: { all: true, domains: [], systems: [], groups: [], entities: [] },
      start: '2026-03-20T15:00:00.000Z',
      end: '2026-03-23T07:00:00.000Z',
      recurrence: { ...weekly, until: '2026-12-31T00:00:00.000Z' },
      endedAt: '2026-06-01T00:00:00.000Z',
      endReason: 'Policy changed',
    });
    expect(await store.createFreeze(recurring)).toEqual(recurring);
    expect(await store.getFreeze(recurring.id)).toEqual(recurring);
    expect(await store.getFreeze('missing')).toBeUndefined();
    expect(await store.isEmpty()).toBe(false);

    expect(await store.deleteFreeze(oneOff.id)).toBe(true);
    expect(await store.deleteFreeze(oneOff.id)).toBe(false);
    expect(await store.getFreeze(oneOff.id)).toBeUndefined();
  });

  it('pages by start and id', async () => {
    const store = await createStore();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const start = new Date(Date.UTC(2026, 11, 1 + Math.floor(i / 2), 10));
      const f = await store.createFreeze(
        freeze({
          start: start.toISOString(),
          end: new Date(+start + 3_600_000).toISOString(),
        }),
      );
      ids.push(f.id);
    }
    const first = await store.listFreezes({ limit: 3 });
    expect(first.nextCursor).toBeDefined();
    const second = await store.listFreezes({
      limit: 3,
      cursor: first.nextCursor,
    });
    expect(second.nextCursor).toBeUndefined();
    expect([...first.items, ...second.items].map(f => f.id)).toEqual(ids);
    await expect(
      store.listFreezes({ limit: 3, cursor: 'garbage' }),
    ).rejects.toMatchObject({ name: 'InputError' });
  });

  it('finds the freezes that may overlap a range', async () => {
    const store = await createStore();
    const december = await store.createFreeze(freeze());
    const forever = await store.createFreeze(
      freeze({
        start: '2026-03-20T15:00:00.000Z',
        end: '2026-03-23T07:00:00.000Z',
        recurrence: weekly,
      }),
    );
    const bounded = await store.createFreeze(
      freeze({
        start: '2026-03-20T15:00:00.000Z',
        end: '2026-03-23T07:00:00.000Z',
        recurrence: { ...weekly, until: '2026-05-01T00:00:00.000Z' },
      }),
    );
    const ended = await store.createFreeze(
      freeze({
        start: '2026-03-20T15:00:00.000Z',
        end: '2026-03-23T07:00:00.000Z',
        recurrence: weekly,
        endedAt: '2026-04-01T00:00:00.000Z',
      }),
    );
    const ids = async (from: string, to: string) =>
      (await store.listFreezesInRange({ from, to })).map(f => f.id).sort();

    expect(
      await ids('2026-04-10T00:00:00.000Z', '2026-04-11T00:00:00.000Z'),
    ).toEqual([forever.id, bounded.id].sort());
    expect(
      await ids('2026-03-25T00:00:00.000Z', '2026-03-26T00:00:00.000Z'),
    ).toEqual([forever.id, bounded.id, ended.id].sort());
    expect(
      await ids('2026-12-02T00:00:00.000Z', '2026-12-03T00:00:00.000Z'),
    ).toEqual([december.id, forever.id].sort());
    expect(
      await ids('2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'),
    ).toEqual([]);
  });

  it('updates with compare-and-set, removing a recurrence on null', async () => {
    const store = await createStore();
    const f = await store.createFreeze(
      freeze({
        start: '2026-03-20T15:00:00.000Z',
        end: '2026-03-23T07:00:00.000Z',
        recurrence: weekly,
      }),
    );
    const updated = await store.updateFreeze({
      id: f.id,
      revision: 1,
      fields: { title: 'Renamed', exemptTypes: ['emergency'] },
      updatedAt: '2026-11-02T08:00:00.000Z',
    });
    expect(updated).toEqual({
      ...f,
      title: 'Renamed',
      exemptTypes: ['emergency'],
      updatedAt: '2026-11-02T08:00:00.000Z',
      revision: 2,
    });
    const oneOff = await store.updateFreeze({
      id: f.id,
      revision: 2,
      fields: { recurrence: null },
      updatedAt: '2026-11-03T08:00:00.000Z',
    });
    expect(oneOff.recurrence).toBeUndefined();
    expect(oneOff.revision).toBe(3);
    // now a one-off in March: no longer found in April
    expect(
      await store.listFreezesInRange({
        from: '2026-04-10T00:00:00.000Z',
        to: '2026-04-11T00:00:00.000Z',
      }),
    ).toEqual([]);

    await expect(
      store.updateFreeze({
        id: f.id,
        revision: 1,
        fields: { title: 'Stale' },
        updatedAt: '2026-11-04T08:00:00.000Z',
      }),
    ).rejects.toMatchObject({ name: 'ConflictError' });
    await expect(
      store.updateFreeze({
        id: 'missing',
        revision: 1,
        fields: { title: 'x' },
        updatedAt: '2026-11-04T08:00:00.000Z',
      }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('lets exactly one of two concurrent updates of a revision win', async () => {
    const store = await createStore();
    const f = await store.createFreeze(freeze());
    const attempt = (title: string) =>
      store.updateFreeze({
        id: f.id,
        revision: 1,
        fields: { title },
        updatedAt: '2026-11-02T08:00:00.000Z',
      });
    const results = await Promise.allSettled([attempt('A'), attempt('B')]);
    expect(results.filter(x => x.status === 'fulfilled')).toHaveLength(1);
    expect((await store.getFreeze(f.id))!.revision).toBe(2);
  });
});
