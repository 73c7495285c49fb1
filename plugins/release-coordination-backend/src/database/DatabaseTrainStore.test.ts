import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { createStores } from './createStores';
import { Train } from '@internal/plugin-release-coordination-common';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

let counter = 0;
function train(overrides: Partial<Train> = {}): Train {
  counter += 1;
  return {
    id: `00000000-0000-4000-9000-${String(counter).padStart(12, '0')}`,
    name: `Train ${counter}`,
    description: '',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
    timezone: 'Europe/Berlin',
    start: '2026-03-17T09:00:00.000Z',
    slotDuration: 'PT2H',
    cutoff: 'P2D',
    scope: { systems: ['system:default/payments'], entities: [] },
    createdBy: 'user:default/carol',
    createdAt: '2026-03-01T08:00:00.000Z',
    updatedAt: '2026-03-01T08:00:00.000Z',
    revision: 1,
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())('DatabaseTrainStore on %p', id => {
  async function trainAndFeedStores() {
    const knex = await databases.init(id);
    const stores = await createStores(mockServices.database({ knex }));
    return { knex, trains: stores.trainStore, feeds: stores.calendarFeedStore };
  }

  it('creates, lists by name, updates at a revision and deletes trains', async () => {
    const { trains: store } = await trainAndFeedStores();
    expect(await store.isEmpty()).toBe(true);
    const b = await store.createTrain(train({ name: 'B train' }));
    const a = await store.createTrain(train({ name: 'A train' }));
    expect(b).toEqual(train({ ...b }));
    expect(await store.isEmpty()).toBe(false);
    expect((await store.listTrains()).map(t => t.name)).toEqual([
      'A train',
      'B train',
    ]);

    const updated = await store.updateTrain({
      id: a.id,
      revision: 1,
      fields: {
        cutoff: 'P3D',
        scope: { systems: [], entities: ['component:default/x'] },
      },
      updatedAt: '2026-03-02T08:00:00.000Z',
    });
    expect(updated).toMatchObject({
      cutoff: 'P3D',
      scope: { systems: [], entities: ['component:default/x'] },
      revision: 2,
      updatedAt: '2026-03-02T08:00:00.000Z',
      createdAt: a.createdAt,
    });
    expect(await store.getTrain(a.id)).toEqual(updated);
    await expect(
      store.updateTrain({
        id: a.id,
        revision: 1,
        fields: { name: 'Stale' },
        updatedAt: '2026-03-03T08:00:00.000Z',
      }),
    ).rejects.toMatchObject({ name: 'ConflictError' });
    await expect(
      store.updateTrain({
        id: 'missing',
        revision: 1,
        fields: { name: 'X' },
        updatedAt: '2026-03-03T08:00:00.000Z',
      }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });

    expect(await store.deleteTrain(a.id)).toBe(true);
    expect(await store.deleteTrain(a.id)).toBe(false);
    expect(await store.getTrain(a.id)).toBeUndefined();
  });

  it('books one slot per release, lists bookings by slot and deletes them with the train', async () => {
    const { trains: store } = await trainAndFeedStores();
    const t = await store.createTrain(train());
    const other = await store.createTrain(train());
    const booking = (releaseId: string, slotStart: string, trainId = t.id) => ({
      releaseId,
      trainId,
      slotStart,
      bookedBy: 'user:default/alice',
      bookedAt: '2026-03-10T08:00:00.000Z',
    });
    await store.book(booking('r1', '2026-03-31T08:00:00.000Z'));
    await store.book(booking('r2', '2026-03-17T09:00:00.000Z'));
    await store.book(booking('r3', '2026-03-17T09:00:00.000Z', other.id));
    // booking again moves the release
    expect(await store.book(booking('r1', '2026-03-17T09:00:00.000Z'))).toEqual(
      booking('r1', '2026-03-17T09:00:00.000Z'),
    );
    const listed = await store.listBookings({
      trainId: t.id,
      from: '2026-03-17T09:00:00.000Z',
      to: '2026-03-17T09:00:00.001Z',
    });
    expect(listed.map(b => b.releaseId)).toEqual(['r1', 'r2']);
    expect(
      await store.listBookings({
        trainId: t.id,
        from: '2026-03-18T00:00:00.000Z',
        to: '2026-04-30T00:00:00.000Z',
      }),
    ).toEqual([]);
    expect(
      (await store.getBookings(['r1', 'r3', 'nope'])).map(b => b.releaseId),
    ).toEqual(expect.arrayContaining(['r1', 'r3']));

    expect(await store.unbook('r2')).toBe(true);
    expect(await store.unbook('r2')).toBe(false);
    expect(await store.getBooking('r2')).toBeUndefined();

    await store.deleteTrain(t.id);
    expect(await store.getBooking('r1')).toBeUndefined();
    expect(await store.getBooking('r3')).toBeDefined();
  });

  it('stores calendar feeds per user and deletes only the owner’s', async () => {
    const { feeds, knex } = await trainAndFeedStores();
    const feed = {
      id: '00000000-0000-4000-a000-000000000001',
      tokenHash: 'ab'.repeat(32),
      userRef: 'user:default/alice',
      filters: { system: 'system:default/payments' },
      createdAt: '2026-03-01T08:00:00.000Z',
    };
    expect(await feeds.createFeed(feed)).toEqual(feed);
    expect(await feeds.listFeeds('user:default/alice')).toEqual([feed]);
    expect(await feeds.listFeeds('user:default/bob')).toEqual([]);
    expect(await knex('calendar_feeds').pluck('token_hash')).toEqual([
      'ab'.repeat(32),
    ]);
    expect(await feeds.deleteFeed(feed.id, 'user:default/bob')).toBe(false);
    expect(await feeds.deleteFeed(feed.id, 'user:default/alice')).toBe(true);
    expect(await feeds.getFeed(feed.id)).toBeUndefined();
  });
});
