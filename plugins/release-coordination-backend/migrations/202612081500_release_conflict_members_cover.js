// @ts-check

/**
 * A covering index for reading the conflicts of a range
 * (src/conflicts/DatabaseConflictStore.ts, `listInRange`): the members'
 * window index also carries `window_end` and `conflict_id`, so the ids of a
 * month's conflicts come from one index range, without a table row per
 * member. It replaces the index it starts with.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('release_conflict_members', table => {
    table.dropIndex([], 'release_conflict_members_window_idx');
    table.index(
      ['window_bucket', 'window_start', 'window_end', 'conflict_id'],
      'release_conflict_members_window_cover_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('release_conflict_members', table => {
    table.dropIndex([], 'release_conflict_members_window_cover_idx');
    table.index(
      ['window_bucket', 'window_start'],
      'release_conflict_members_window_idx',
    );
  });
};
