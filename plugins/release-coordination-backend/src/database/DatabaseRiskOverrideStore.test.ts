import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { createStores } from './createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const AT = '2026-11-01T08:00:00.000Z';

describe.each(databases.eachSupportedId())(
  'DatabaseRiskOverrideStore on %p',
  id => {
    it('sets, replaces and clears an override, appending history in one go', async () => {
      const knex = await databases.init(id);
      const database = mockServices.database({ knex });
      const releases = await createStores(database).then(
        stores => stores.releaseStore,
      );
      const store = await createStores(database).then(
        stores => stores.riskOverrideStore,
      );
      await releases.createRelease(
        {
          id: 'r1',
          title: 'R1',
          version: '1',
          type: 'normal',
          state: 'draft',
          window: { start: AT, end: '2026-11-01T10:00:00.000Z' },
          entityRefs: ['component:default/a'],
          ownerRef: 'group:default/a',
          description: '',
          changes: [],
          createdBy: 'user:default/a',
          createdAt: AT,
          updatedAt: AT,
          revision: 1,
        },
        [
          {
            action: 'created',
            actorRef: 'user:default/a',
            createdAt: AT,
            changes: [],
          },
        ],
      );
      expect(await store.getOverrides(['r1', 'nope'])).toEqual(new Map());

      const override = {
        level: 'low' as const,
        reason: 'Feature flag off',
        by: 'user:default/a',
        at: '2026-11-02T08:00:00.000Z',
      };
      const event = (action: 'risk-overridden' | 'risk-override-cleared') => ({
        action,
        actorRef: 'user:default/a',
        createdAt: '2026-11-02T08:00:00.000Z',
        changes: [{ field: 'riskLevel', before: 'high', after: 'low' }],
        reason: 'Feature flag off',
      });
      await store.setOverride('r1', override, event('risk-overridden'));
      expect(await store.getOverrides(['r1'])).toEqual(
        new Map([['r1', override]]),
      );
      await store.setOverride(
        'r1',
        { ...override, level: 'critical' },
        event('risk-overridden'),
      );
      expect((await store.getOverrides(['r1'])).get('r1')!.level).toBe(
        'critical',
      );
      await store.setOverride('r1', null, event('risk-override-cleared'));
      expect(await store.getOverrides(['r1'])).toEqual(new Map());
      expect((await releases.listEvents('r1')).map(e => e.action)).toEqual([
        'created',
        'risk-overridden',
        'risk-overridden',
        'risk-override-cleared',
      ]);
      expect((await releases.listEvents('r1'))[1]).toMatchObject({
        changes: [{ field: 'riskLevel', before: 'high', after: 'low' }],
        reason: 'Feature flag off',
      });
      // the release keeps its revision: the override is not a release field
      expect((await releases.getRelease('r1'))!.revision).toBe(1);
    });
  },
);
