import {
  createStore,
  created,
  databases,
  release,
  updateEvent,
} from './__testUtils__/releaseStoreFixtures';

jest.setTimeout(60_000);

const MOVED = {
  start: '2026-12-15T09:00:00.000Z',
  end: '2026-12-15T11:00:00.000Z',
};

describe.each(databases.eachSupportedId())(
  'DatabaseReleaseStore writes alongside a release on %p',
  id => {
    async function storeWithRelease() {
      const { knex, store } = await createStore(id);
      const stored = await store.createRelease(release(), [created()]);
      return { knex, store, stored };
    }

    it('commits the change and the write alongside together', async () => {
      const { knex, store, stored } = await storeWithRelease();
      const updated = await store.updateRelease({
        id: stored.id,
        revision: 1,
        fields: { window: MOVED },
        event: updateEvent,
        alongside: async tx => {
          await tx('releases')
            .where({ id: stored.id })
            .update({ description: 'written alongside' });
        },
      });
      expect(updated).toMatchObject({
        window: MOVED,
        description: 'written alongside',
        revision: 2,
      });
      expect(
        await knex('release_events').where({ release_id: stored.id }),
      ).toHaveLength(2);
    });

    it('rolls the change back when the write alongside fails', async () => {
      const { store, stored } = await storeWithRelease();
      await expect(
        store.updateRelease({
          id: stored.id,
          revision: 1,
          fields: { window: MOVED },
          event: updateEvent,
          alongside: async () => {
            throw new Error('alongside failed');
          },
        }),
      ).rejects.toThrow('alongside failed');
      expect(await store.getRelease(stored.id)).toEqual(stored);
      expect(await store.listEvents(stored.id)).toHaveLength(1);
    });

    it('writes at a revision without changing the release, and not at a stale one', async () => {
      const { store, stored } = await storeWithRelease();
      const write = jest.fn(async () => undefined);
      await store.writeAtRevision(stored.id, 1, write);
      expect(write).toHaveBeenCalledTimes(1);
      expect(await store.getRelease(stored.id)).toEqual(stored);

      await expect(
        store.writeAtRevision(stored.id, 0, write),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      await expect(
        store.writeAtRevision('missing', 1, write),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      expect(write).toHaveBeenCalledTimes(1);
    });
  },
);
