// @ts-check

/**
 * Notifications sent by the scheduled tasks, remembered so that each is sent
 * once per cluster: approval reminders (one per release, approval round and
 * group) and weekly digests (one per group and week). The unique keys decide
 * which of several racing replicas sends.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('release_approval_reminders', table => {
    table.comment('An approval reminder sent to a group for a release round');
    table
      .string('release_id', 36)
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table.integer('round').notNullable();
    table.string('group_ref', 300).notNullable();
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.unique(['release_id', 'round', 'group_ref'], {
      indexName: 'release_approval_reminders_once',
    });
  });
  await knex.schema.createTable('release_weekly_digests', table => {
    table.comment('A weekly digest of upcoming releases sent to a group');
    table.string('group_ref', 300).notNullable();
    table.string('week', 10).notNullable().comment('UTC date of the run');
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.unique(['group_ref', 'week'], {
      indexName: 'release_weekly_digests_once',
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('release_weekly_digests');
  await knex.schema.dropTable('release_approval_reminders');
};
