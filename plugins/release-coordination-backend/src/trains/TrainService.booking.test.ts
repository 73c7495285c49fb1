import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestServices } from '../__testUtils__/testServices';
import { entity, releaseSeeder } from '../service/__testUtils__/routerTestKit';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const CAROL = 'user:default/carol';
const NOW = new Date('2026-11-29T12:00:00.000Z');
const DAY_WINDOW = {
  start: '2026-12-10T08:00:00.000Z',
  end: '2026-12-10T10:00:00.000Z',
};
// every other Tuesday 10:00 Berlin: 2026-12-15 09:00 UTC is bookable at NOW
const SLOT = '2026-12-15T09:00:00.000Z';

describe.each(databases.eachSupportedId())('TrainService.book on %p', id => {
  async function setUp() {
    const knex = await databases.init(id);
    const services = await createTestServices({
      database: mockServices.database({ knex }),
      catalog: catalogServiceMock({
        entities: [
          entity('System', 'payments', { owner: 'team-pay' }),
          entity(
            'Component',
            'payments-service',
            { owner: 'team-pay', system: 'payments' },
            [['partOf', 'system:default/payments']],
          ),
          entity('Group', 'team-pay'),
        ],
      }),
      userInfo: mockServices.userInfo({
        ownershipEntityRefs: [CAROL, 'group:default/team-pay'],
      }),
      now: () => NOW,
    });
    const credentials = mockCredentials.user(CAROL);
    const train = await services.trains.createTrain(
      {
        name: 'Commerce train',
        description: '',
        rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
        timezone: 'Europe/Berlin',
        start: '2026-11-17T09:00:00.000Z',
        slotDuration: 'PT2H',
        cutoff: 'P2D',
        scope: { systems: ['system:default/payments'], entities: [] },
      },
      credentials,
    );
    const seed = releaseSeeder(services.stores.releaseStore, {
      createdBy: CAROL,
      now: NOW,
    });
    return { ...services, credentials, train, seed };
  }

  it('rolls the window move back when the booking cannot be written', async () => {
    const { trains, stores, credentials, train, seed } = await setUp();
    const release = await seed({ state: 'planned', window: DAY_WINDOW });
    const history = await stores.releaseStore.listEvents(release.id);
    jest
      .spyOn(stores.trainStore, 'book')
      .mockRejectedValueOnce(new Error('booking write failed'));

    await expect(
      trains.book(
        release.id,
        { trainId: train.id, slotStart: SLOT },
        credentials,
      ),
    ).rejects.toThrow('booking write failed');

    const after = await stores.releaseStore.getRelease(release.id);
    expect(after).toMatchObject({ window: DAY_WINDOW, revision: 1 });
    expect(await stores.releaseStore.listEvents(release.id)).toEqual(history);
    expect(await stores.trainStore.getBooking(release.id)).toBeUndefined();
  });

  it('refuses a booking whose release changed after it was read with 409, writing nothing', async () => {
    const { trains, releases, stores, credentials, train, seed } =
      await setUp();
    // already on the slot: the booking moves nothing, yet must be at the revision it read
    const release = await seed({
      state: 'planned',
      window: { start: SLOT, end: '2026-12-15T11:00:00.000Z' },
    });
    const readTrain = stores.trainStore.getTrain.bind(stores.trainStore);
    jest
      .spyOn(stores.trainStore, 'getTrain')
      .mockImplementationOnce(async trainId => {
        // another replica edits the release after the booking read it
        await releases.updateRelease(
          release.id,
          { revision: 1, title: 'Renamed meanwhile' },
          credentials,
        );
        return readTrain(trainId);
      });

    await expect(
      trains.book(
        release.id,
        { trainId: train.id, slotStart: SLOT },
        credentials,
      ),
    ).rejects.toMatchObject({ name: 'ConflictError' });

    expect(await stores.trainStore.getBooking(release.id)).toBeUndefined();
    expect(await stores.releaseStore.getRelease(release.id)).toMatchObject({
      title: 'Renamed meanwhile',
      revision: 2,
    });
  });

  it('books at the revision it read, moving the window and writing the booking together', async () => {
    const { trains, stores, credentials, train, seed } = await setUp();
    const release = await seed({ state: 'planned', window: DAY_WINDOW });
    const { booking, release: moved } = await trains.book(
      release.id,
      { trainId: train.id, slotStart: SLOT },
      credentials,
    );
    expect(moved).toMatchObject({
      window: { start: SLOT, end: '2026-12-15T11:00:00.000Z' },
      revision: 2,
    });
    expect(await stores.trainStore.getBooking(release.id)).toEqual(booking);
  });
});
