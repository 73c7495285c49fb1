import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@internal/plugin-release-coordination-backend',
  'migrations',
);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'rollback plan migration on %p',
  id => {
    it('adds a nullable rollback_plan, drops it on down and adds it again', async () => {
      const knex = await databases.init(id);
      await knex.migrate.latest({ directory });
      const at = new Date('2026-12-01T10:00:00Z');
      const row = {
        title: 'T',
        version: '1.0.0',
        type: 'normal',
        state: 'draft',
        window_start: at,
        window_end: at,
        owner_ref: 'group:default/a',
        description: '',
        changes: '[]',
        created_by: 'user:default/a',
        created_at: at,
        updated_at: at,
        revision: 1,
      };
      await knex('releases').insert([
        { ...row, id: 'with', rollback_plan: 'Redeploy 1.0' },
        { ...row, id: 'without' },
      ]);
      expect(
        await knex('releases').orderBy('id').pluck('rollback_plan'),
      ).toEqual(['Redeploy 1.0', null]);

      await knex.migrate.down({
        directory,
        name: '202611262000_release_rollback_plan.js',
      });
      expect(await knex.schema.hasColumn('releases', 'rollback_plan')).toBe(
        false,
      );
      expect(await knex('releases').orderBy('id').pluck('id')).toEqual([
        'with',
        'without',
      ]);
      await knex.migrate.latest({ directory });
      await knex('releases')
        .where({ id: 'with' })
        .update({ rollback_plan: 'Again' });
      expect(
        await knex('releases').orderBy('id').pluck('rollback_plan'),
      ).toEqual(['Again', null]);
    });
  },
);
