// @ts-check

/**
 * Approvals collected afterwards (emergency releases): the follow-up notices
 * the hourly task sent — a reminder before the deadline and a flag once it
 * passed — one per release, approval round, group and kind under a unique
 * key, so racing replicas or reruns send each once. An index finds the
 * release managers' recent approvals, from which the deadlines count.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('release_approval_follow_ups', table => {
    table.comment(
      'A notice about an approval collected afterwards (reminder or overdue)',
    );
    table
      .string('release_id', 36)
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table.integer('round').notNullable();
    table.string('group_ref', 300).notNullable();
    table.string('kind', 16).notNullable().comment('reminder or overdue');
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.unique(['release_id', 'round', 'group_ref', 'kind'], {
      indexName: 'release_approval_follow_ups_once',
    });
  });
  await knex.schema.alterTable('release_approval_decisions', table => {
    table.index(
      ['group_ref', 'decided_at'],
      'release_approval_decisions_by_group',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('release_approval_decisions', table => {
    table.dropIndex(
      ['group_ref', 'decided_at'],
      'release_approval_decisions_by_group',
    );
  });
  await knex.schema.dropTable('release_approval_follow_ups');
};
