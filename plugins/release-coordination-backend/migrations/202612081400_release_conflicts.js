// @ts-check

/**
 * Conflicts kept up to date on write (src/conflicts/ConflictTable.ts), so
 * that listing the conflicts of a range is an indexed read:
 * - `release_conflicts`: one row per conflict as the detector describes it
 *   (`body`, JSON), under its stable id and audience: `all` is what a pass
 *   over every active release finds; `committed` holds the owner-overload
 *   conflicts a pass without drafts finds, for viewers who may not see an
 *   owner's drafts;
 * - `release_conflict_members`: the releases of each conflict with a copy of
 *   their windows and window buckets (see 202611262030_release_window_buckets),
 *   read by window like `releases` and by release when one changes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('release_conflicts', table => {
    table.comment('Conflicts between active releases, kept on write');
    table.string('id', 40).notNullable();
    table.string('audience', 16).notNullable().comment('all, committed');
    table.string('kind', 32).notNullable();
    table
      .string('owner_ref', 300)
      .nullable()
      .comment('The owner of an owner-overload conflict');
    table
      .text('draft_ids')
      .notNullable()
      .comment('JSON array: the releases of the conflict that are drafts');
    table.text('body').notNullable().comment('JSON: the conflict');
    table
      .text('windows')
      .notNullable()
      .comment('JSON array: the window of each release, in body order');
    table.primary(['id', 'audience']);
    table.index(['owner_ref'], 'release_conflicts_owner_idx');
  });
  await knex.schema.createTable('release_conflict_members', table => {
    table.comment('The releases of each conflict, with their windows');
    table.string('conflict_id', 40).notNullable();
    table.string('audience', 16).notNullable();
    table.string('release_id', 36).notNullable();
    table.timestamp('window_start', { useTz: true }).notNullable();
    table.timestamp('window_end', { useTz: true }).notNullable();
    table.integer('window_bucket').notNullable();
    table.primary(['conflict_id', 'audience', 'release_id']);
    table.index(['release_id'], 'release_conflict_members_release_idx');
    table.index(
      ['window_bucket', 'window_start'],
      'release_conflict_members_window_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('release_conflict_members');
  await knex.schema.dropTable('release_conflicts');
};
