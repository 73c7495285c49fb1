// @ts-check

/**
 * Covering indexes for the delivery-metrics queries
 * (src/metrics/DatabaseMetricsStore.ts): each reads an index range of its
 * anchor time (or, for a scope, of its entities' anchor times) and finds
 * every column it needs in the index, instead of looking up a table row per
 * release (tens of thousands of random reads for an organisation-wide year).
 * They replace the single-column indexes they start with.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('release_delivery_times', table => {
    table.dropIndex([], 'release_delivery_times_released_idx');
    table.dropIndex([], 'release_delivery_times_approved_idx');
    table.index(
      [
        'released_at',
        'rollback_at',
        'planned_at',
        'started_at',
        'window_start',
        'window_end',
        'previous_release_at',
        'on_train',
        'release_id',
      ],
      'release_delivery_times_released_cover_idx',
    );
    table.index(
      ['approved_at', 'planned_at', 'release_id'],
      'release_delivery_times_approved_cover_idx',
    );
  });
  await knex.schema.alterTable('release_delivery_entities', table => {
    table.dropIndex([], 'release_delivery_entities_released_idx');
    table.dropIndex([], 'release_delivery_entities_approved_idx');
    table.index(
      ['entity_ref', 'released_at', 'release_id'],
      'release_delivery_entities_released_idx',
    );
    table.index(
      ['entity_ref', 'approved_at', 'release_id'],
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
  await knex.schema.alterTable('release_delivery_times', table => {
    table.dropIndex([], 'release_delivery_times_released_cover_idx');
    table.dropIndex([], 'release_delivery_times_approved_cover_idx');
    table.index(['released_at'], 'release_delivery_times_released_idx');
    table.index(['approved_at'], 'release_delivery_times_approved_idx');
  });
};
