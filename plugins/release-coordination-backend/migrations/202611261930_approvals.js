// @ts-check

/**
 * Approvals and readiness: group decisions per approval round (one per group
 * and round, enforced by a unique key so racing replicas cannot double-count),
 * the current round of each release and the manual readiness checks.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('release_approval_rounds', table => {
    table.comment('The current approval round of a release (absent: round 1)');
    table
      .string('release_id', 36)
      .primary()
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table.integer('round').notNullable();
  });
  await knex.schema.createTable('release_approval_decisions', table => {
    table.comment('A group decision on a release in one approval round');
    table.bigIncrements('id').primary();
    table
      .string('release_id', 36)
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table.integer('round').notNullable();
    table.string('group_ref', 300).notNullable();
    table.string('decision', 16).notNullable().comment('approve or reject');
    table.text('comment').notNullable();
    table.string('decided_by', 300).notNullable();
    table.timestamp('decided_at', { useTz: true }).notNullable();
    table.unique(['release_id', 'group_ref', 'round'], {
      indexName: 'release_approval_decisions_one_per_group',
    });
  });
  await knex.schema.createTable('release_readiness_checks', table => {
    table.comment('Manual readiness checklist items checked by a person');
    table
      .string('release_id', 36)
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table.string('item_id', 100).notNullable();
    table.string('checked_by', 300).notNullable();
    table.timestamp('checked_at', { useTz: true }).notNullable();
    table.string('evidence', 2000).nullable();
    table.primary(['release_id', 'item_id']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('release_readiness_checks');
  await knex.schema.dropTable('release_approval_decisions');
  await knex.schema.dropTable('release_approval_rounds');
};
