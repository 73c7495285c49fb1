import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@internal/plugin-release-coordination-backend',
  'migrations',
);

const ORDERING = '202611261800_release_ordering.js';

const TRAINS = '202611261810_trains_and_feeds.js';

const RISK = '202611261900_risk_overrides.js';

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
    expect(await knex.schema.hasTable('release_ordering')).toBe(false);
    expect(await knex.schema.hasTable('release_freeze_overrides')).toBe(false);
    expect(await knex.schema.hasTable('release_risk_overrides')).toBe(false);
    expect(await knex.schema.hasTable('release_approval_reminders')).toBe(
      false,
    );
    expect(await knex.schema.hasTable('release_weekly_digests')).toBe(false);

    await knex.migrate.latest({ directory });
    expect(await knex('releases').pluck('id')).toEqual([]);
    await insertRelease(knex, 'r2');
    expect(await knex('releases').pluck('id')).toEqual(['r2']);
    expect(await knex('release_entities').pluck('entity_ref')).toEqual([
      'component:default/a',
    ]);
    expect(await knex('release_events').pluck('action')).toEqual(['created']);
    expect(await knex('freezes').pluck('id')).toEqual([]);
    expect(await knex('release_ordering').pluck('after_id')).toEqual([]);
  });

  it('adds release ordering and the freeze override on top of existing releases', async () => {
    const knex = await databases.init(id);
    await knex.migrate.up({ directory, name: '202611261630_init.js' });
    await knex.migrate.up({ directory, name: '202611261700_freezes.js' });
    await insertRelease(knex, 'before');
    await knex.migrate.up({ directory, name: ORDERING });
    await insertRelease(knex, 'after');
    await knex('release_ordering').insert({
      release_id: 'after',
      after_id: 'before',
    });
    await knex('release_freeze_overrides').insert({
      release_id: 'before',
      reason: 'Deadline',
      set_by: 'user:default/a',
      set_at: new Date('2026-12-01T09:00:00Z'),
    });
    expect(await knex('release_freeze_overrides').pluck('reason')).toEqual([
      'Deadline',
    ]);

    // rolling back the migration keeps the releases
    await knex.migrate.down({ directory, name: ORDERING });
    expect(await knex.schema.hasTable('release_ordering')).toBe(false);
    expect(await knex.schema.hasTable('release_freeze_overrides')).toBe(false);
    expect((await knex('releases').pluck('id')).sort()).toEqual([
      'after',
      'before',
    ]);
    expect(await knex('release_entities').pluck('release_id')).toHaveLength(2);
  });
  it('adds trains, bookings and calendar feeds, and rolls them back alone', async () => {
    const knex = await databases.init(id);
    await knex.migrate.latest({ directory });
    await insertRelease(knex, 'r1');
    const at = new Date('2026-12-01T10:00:00Z');
    await knex('trains').insert({
      id: 't1',
      name: 'Train',
      description: '',
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
      timezone: 'Europe/Berlin',
      start_at: at,
      slot_duration: 'PT2H',
      cutoff: 'P2D',
      scope: '{"systems":[],"entities":["component:default/a"]}',
      created_by: 'user:default/a',
      created_at: at,
      updated_at: at,
      revision: 1,
    });
    await knex('train_bookings').insert({
      release_id: 'r1',
      train_id: 't1',
      slot_start: at,
      booked_by: 'user:default/a',
      booked_at: at,
    });
    await knex('calendar_feeds').insert({
      id: 'c1',
      token_hash: 'ab'.repeat(32),
      user_ref: 'user:default/a',
      filters: '{}',
      created_at: at,
    });
    expect(await knex('train_bookings').pluck('train_id')).toEqual(['t1']);

    await knex.migrate.down({ directory, name: TRAINS });
    for (const table of ['trains', 'train_bookings', 'calendar_feeds']) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
    expect(await knex('releases').pluck('id')).toEqual(['r1']);

    await knex.migrate.latest({ directory });
    expect(await knex('trains').pluck('id')).toEqual([]);
  });

  it('adds risk overrides on top of existing releases, and rolls them back alone', async () => {
    const knex = await databases.init(id);
    await knex.migrate.up({ directory, name: '202611261630_init.js' });
    await knex.migrate.up({ directory, name: '202611261700_freezes.js' });
    await knex.migrate.up({ directory, name: ORDERING });
    await knex.migrate.up({ directory, name: TRAINS });
    await insertRelease(knex, 'r1');
    await knex.migrate.up({ directory, name: RISK });
    await knex('release_risk_overrides').insert({
      release_id: 'r1',
      level: 'low',
      reason: 'Dark launch',
      set_by: 'user:default/a',
      set_at: new Date('2026-12-01T09:00:00Z'),
    });
    expect(await knex('release_risk_overrides').pluck('level')).toEqual([
      'low',
    ]);
    // deleting a release deletes its override
    await knex('release_entities').where({ release_id: 'r1' }).delete();
    await knex('release_events').where({ release_id: 'r1' }).delete();
    await knex('releases').where({ id: 'r1' }).delete();
    expect(await knex('release_risk_overrides').pluck('level')).toEqual([]);

    await knex.migrate.down({ directory, name: RISK });
    expect(await knex.schema.hasTable('release_risk_overrides')).toBe(false);
    expect(await knex.schema.hasTable('trains')).toBe(true);
  });
});
