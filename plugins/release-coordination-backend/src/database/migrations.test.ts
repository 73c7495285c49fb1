import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@internal/plugin-release-coordination-backend',
  'migrations',
);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function insertRelease(knex: Knex, id: string) {
  const at = new Date('2026-12-01T10:00:00Z');
  await knex('releases').insert({
    id,
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
  });
  await knex('release_entities').insert({
    release_id: id,
    entity_ref: 'component:default/a',
    window_start: at,
    window_end: at,
  });
  await knex('release_events').insert({
    release_id: id,
    action: 'created',
    actor_ref: 'user:default/a',
    created_at: at,
    changes: '[]',
  });
}

describe.each(databases.eachSupportedId())('migrations on %p', id => {
  it('migrate up, roll back and up again, keeping the schema usable', async () => {
    const knex = await databases.init(id);
    await knex.migrate.latest({ directory });
    await insertRelease(knex, 'r1');
    expect(await knex('releases').pluck('id')).toEqual(['r1']);

    await knex.migrate.rollback({ directory }, true);
    expect(await knex.schema.hasTable('releases')).toBe(false);
    expect(await knex.schema.hasTable('release_entities')).toBe(false);
    expect(await knex.schema.hasTable('release_events')).toBe(false);
    expect(await knex.schema.hasTable('freezes')).toBe(false);

    await knex.migrate.latest({ directory });
    expect(await knex('releases').pluck('id')).toEqual([]);
    await insertRelease(knex, 'r2');
    expect(await knex('releases').pluck('id')).toEqual(['r2']);
    expect(await knex('release_entities').pluck('entity_ref')).toEqual([
      'component:default/a',
    ]);
    expect(await knex('release_events').pluck('action')).toEqual(['created']);
    expect(await knex('freezes').pluck('id')).toEqual([]);
  });
});
