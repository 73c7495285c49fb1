import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@internal/plugin-release-coordination-backend',
  'migrations',
);
const BUCKETS = '202611262030_release_window_buckets.js';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'window bucket migration on %p',
  id => {
    it('fills in the bucket of existing windows, and drops it on down keeping the rows', async () => {
      const knex = await databases.init(id);
      await knex.migrate.latest({ directory });
      await knex.migrate.down({ directory, name: BUCKETS });
      expect(await knex.schema.hasColumn('releases', 'window_bucket')).toBe(
        false,
      );
      const at = Date.parse('2026-12-01T10:00:00Z');
      const HOUR = 3_600_000;
      const rows = [
        ['two-hours', 2],
        ['a-day', 24],
        ['ten-days', 240],
        ['too-long', 3000.5],
      ] as const;
      for (const [name, hours] of rows) {
        const window = {
          window_start: new Date(at),
          window_end: new Date(at + hours * HOUR),
        };
        await knex('releases').insert({
          id: name,
          title: name,
          version: '1.0.0',
          type: 'normal',
          state: 'planned',
          ...window,
          owner_ref: 'group:default/a',
          description: '',
          changes: '[]',
          created_by: 'user:default/a',
          created_at: new Date(at),
          updated_at: new Date(at),
          revision: 1,
        });
        await knex('release_entities').insert({
          release_id: name,
          entity_ref: 'component:default/a',
          ...window,
        });
      }

      await knex.migrate.latest({ directory });
      const expected = [
        { id: 'a-day', bucket: 24 },
        { id: 'ten-days', bucket: 720 },
        { id: 'too-long', bucket: 3001 },
        { id: 'two-hours', bucket: 24 },
      ];
      expect(
        await knex('releases')
          .orderBy('id')
          .select('id', 'window_bucket as bucket'),
      ).toEqual(expected);
      expect(
        await knex('release_entities')
          .orderBy('release_id')
          .select('release_id as id', 'window_bucket as bucket'),
      ).toEqual(expected);

      await knex.migrate.down({ directory, name: BUCKETS });
      expect(await knex('releases').orderBy('id').pluck('id')).toEqual(
        expected.map(e => e.id),
      );
      expect(await knex('release_entities').count({ n: '*' })).toEqual([
        { n: id === 'POSTGRES_15' ? '4' : 4 },
      ]);
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasColumn('releases', 'window_bucket')).toBe(
        true,
      );
    });
  },
);
