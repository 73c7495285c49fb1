import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { createStores } from '../database/createStores';
import { releaseSeeder } from '../service/__testUtils__/routerTestKit';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const AT = '2026-11-26T12:00:00.000Z';

describe.each(databases.eachSupportedId())(
  'DatabaseReleaseNotesStore on %p',
  id => {
    it('keeps one edit per release and audience, replaced only at the revision it was read at', async () => {
      const knex = await databases.init(id);
      const stores = await createStores(mockServices.database({ knex }));
      const store = stores.releaseNotesStore;
      const seed = releaseSeeder(stores.releaseStore, {
        createdBy: 'user:default/a',
        now: new Date(AT),
      });
      const release = await seed({ state: 'planned' });
      const edit = {
        releaseId: release.id,
        audience: 'business' as const,
        markdown: '# Checkout\n\nFaster.',
        baseGenerated: '# Checkout\n',
        editedBy: 'user:default/a',
        editedAt: AT,
      };
      expect(await store.listEdits(release.id)).toEqual([]);

      expect(await store.saveEdit(edit, 0)).toEqual({ ...edit, revision: 1 });
      // a second first edit is stale: the first one stays
      expect(
        await store.saveEdit({ ...edit, markdown: 'Lost' }, 0),
      ).toBeUndefined();
      expect(await store.saveEdit({ ...edit, markdown: 'Lost' }, 2)).toBe(
        undefined,
      );
      expect((await store.getEdit(release.id, 'business'))?.markdown).toBe(
        edit.markdown,
      );

      const second = {
        ...edit,
        markdown: 'Faster still.',
        editedBy: 'user:default/b',
      };
      expect(await store.saveEdit(second, 1)).toEqual({
        ...second,
        revision: 2,
      });
      expect(await store.getEdit(release.id, 'engineering')).toBeUndefined();
      await store.saveEdit({ ...edit, audience: 'engineering' }, 0);
      expect(
        (await store.listEdits(release.id)).map(e => [e.audience, e.revision]),
      ).toEqual([
        ['business', 2],
        ['engineering', 1],
      ]);

      // the edits go with their release
      await knex('releases').where({ id: release.id }).delete();
      expect(await store.listEdits(release.id)).toEqual([]);
    });
  },
);
