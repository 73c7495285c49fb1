// @ts-check

/**
 * Covering indexes for the delivery-metrics queries
 * (src/metrics/DatabaseMetricsStore.ts): each reads an index range of its
 * anchor time and finds every column it needs in the index, instead of
 * looking up a table row per release (tens of thousands of random reads for
 * an organisation-wide year). For a scope (a System, Domain, Group or
 * entity) the same columns are kept with each of the release's entities in
 * `release_delivery_entities`, so a scope's measures read one index range
 * per entity and never the releases outside it. The new indexes replace the
 * ones they start with.
 */

/** The columns of `release_delivery_times` the entity rows now carry too. */
const CARRIED = [
  'planned_at',
  'started_at',
  'rollback_at',
  'window_start',
  'window_end',
  'previous_release_at',
  'on_train',
];

/** The counts' and durations' columns after the anchor time. */
const RELEASED_COVER = [
  'release_id',
  'rollback_at',
  'planned_at',
  'started_at',
  'window_start',
  'window_end',
  'previous_release_at',
  'on_train',
];

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('release_delivery_times', table => {
    table.dropIndex([], 'release_delivery_times_released_idx');
    table.dropIndex([], 'release_delivery_times_approved_idx');
    table.index(
      ['released_at', ...RELEASED_COVER],
      'release_delivery_times_released_cover_idx',
    );
    table.index(
      ['approved_at', 'planned_at', 'release_id'],
      'release_delivery_times_approved_cover_idx',
    );
  });
  await knex.schema.alterTable('release_delivery_entities', table => {
    for (const column of CARRIED.slice(0, -1)) {
      table.bigInteger(column).nullable().comment('epoch ms, as its release');
    }
    table.boolean('on_train').notNullable().defaultTo(false);
  });
  await knex('release_delivery_entities').update(
    Object.fromEntries(
      CARRIED.map(column => [
        column,
        knex('release_delivery_times as t')
          .select(`t.${column}`)
          .whereRaw('?? = ??', [
            't.release_id',
            'release_delivery_entities.release_id',
          ]),
      ]),
    ),
  );
  await knex.schema.alterTable('release_delivery_entities', table => {
    table.dropIndex([], 'release_delivery_entities_released_idx');
    table.dropIndex([], 'release_delivery_entities_approved_idx');
    table.index(
      ['entity_ref', 'released_at', ...RELEASED_COVER],
      'release_delivery_entities_released_idx',
    );
    table.index(
      ['entity_ref', 'approved_at', 'release_id', 'planned_at'],
      'release_delivery_entities_approved_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('release_delivery_entities', table => {
    table.dropIndex([], 'release_delivery_entities_released_idx');
    table.dropIndex([], 'release_delivery_entities_approved_idx');
    table.index(
      ['entity_ref', 'released_at'],
      'release_delivery_entities_released_idx',
    );
    table.index(
      ['entity_ref', 'approved_at'],
      'release_delivery_entities_approved_idx',
    );
  });
  await knex.schema.alterTable('release_delivery_entities', table => {
    table.dropColumns(...CARRIED);
  });
  await knex.schema.alterTable('release_delivery_times', table => {
    table.dropIndex([], 'release_delivery_times_released_cover_idx');
    table.dropIndex([], 'release_delivery_times_approved_cover_idx');
    table.index(['released_at'], 'release_delivery_times_released_idx');
    table.index(['approved_at'], 'release_delivery_times_approved_idx');
  });
};
