import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { createStores } from '../database/createStores';
import { releaseSeeder } from '../service/__testUtils__/routerTestKit';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const AT = '2026-11-26T12:00:00.000Z';

describe.each(databases.eachSupportedId())(
  'DatabaseRollbackStore on %p',
  id => {
    it('stores one rollback per release, its steps at a revision, the failure notice once, progress for the gate and hotfix links', async () => {
      const knex = await databases.init(id);
      const stores = await createStores(mockServices.database({ knex }));
      const store = stores.rollbackStore;
      const seed = releaseSeeder(stores.releaseStore, {
        createdBy: 'user:default/a',
        now: new Date(AT),
      });
      const release = await seed({ state: 'rolling_back' });
      const hotfix = await seed({ state: 'draft', type: 'hotfix' });
      expect(await store.isEmpty()).toBe(true);

      const rollback = {
        releaseId: release.id,
        decision: {
          reason: 'p99',
          triggeredBy: { criterionIds: ['c1'], issueIds: [] },
          scope: { entityRefs: ['component:default/payments-service'] },
          emergency: true,
          decidedBy: 'user:default/a',
          decidedAt: AT,
        },
        steps: [
          {
            index: 0,
            title: 'Flag off',
            ownerRef: 'user:default/s',
            status: 'pending' as const,
          },
          {
            index: 1,
            title: 'Redeploy',
            ownerRef: 'group:default/g',
            status: 'pending' as const,
          },
        ],
        entityRefs: ['component:default/payments-service'],
        revision: 1,
      };
      // what the deploy gate keeps moves with the rollbacks in progress
      const revision = () => stores.listingRevision.read();
      const before = await revision();
      expect(await store.createRollback(rollback)).toBe(true);
      const created = await revision();
      expect(created).toBeGreaterThan(before);
      expect(await store.createRollback(rollback)).toBe(false);
      expect(await store.getRollback(release.id)).toEqual({
        ...rollback,
        failed: false,
      });
      expect(
        await store.rollbacksInProgress('component:default/payments-service'),
      ).toEqual([release.id]);

      const change = {
        releaseId: release.id,
        index: 0,
        status: 'failed' as const,
        note: 'broke',
        by: 'user:default/s',
        at: AT,
      };
      expect(await store.updateStep({ ...change, revision: 1 })).toBe(true);
      expect(await store.updateStep({ ...change, revision: 1 })).toBe(false);
      const failed = await store.getRollback(release.id);
      expect(failed).toMatchObject({ failed: true, revision: 2 });
      expect(failed?.steps[0]).toEqual({
        ...rollback.steps[0],
        status: 'failed',
        note: 'broke',
        updatedBy: 'user:default/s',
        updatedAt: AT,
      });
      expect(
        await Promise.all([
          store.claimFailureNotice(release.id, 0),
          store.claimFailureNotice(release.id, 0),
        ]),
      ).toEqual(expect.arrayContaining([true, false]));

      await store.markCompleted(release.id, AT);
      const completed = await revision();
      expect(completed).toBeGreaterThan(created);
      expect(await store.getRollback(release.id)).toMatchObject({
        completedAt: AT,
        revision: 3,
      });
      expect(await store.updateStep({ ...change, revision: 3 })).toBe(false);
      expect(
        await store.rollbacksInProgress('component:default/payments-service'),
      ).toEqual([]);

      await store.addHotfix(hotfix.id, release.id, AT);
      expect(await store.hotfixLinks(release.id)).toEqual({
        hotfixes: [hotfix.id],
      });
      expect(await store.hotfixLinks(hotfix.id)).toEqual({
        hotfixOf: release.id,
        hotfixes: [],
      });

      await store.deleteRollback(release.id);
      expect(await revision()).toBeGreaterThan(completed);
      expect(await store.getRollback(release.id)).toBeUndefined();
      expect(await store.isEmpty()).toBe(true);
    });
  },
);
