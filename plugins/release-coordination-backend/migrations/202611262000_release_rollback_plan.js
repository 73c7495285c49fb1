// @ts-check

/**
 * The rollback plan of a release: how to undo it, in Markdown. Optional; the
 * automatic readiness item "Rollback plan present" passes when it is set.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('releases', table => {
    table
      .text('rollback_plan')
      .nullable()
      .comment('How to undo the release (Markdown); null when none');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('releases', table => {
    table.dropColumn('rollback_plan');
  });
};
