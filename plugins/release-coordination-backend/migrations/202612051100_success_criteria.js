// @ts-check

/**
 * Success criteria of releases (text, optional measurable check, owner, the
 * result its owner recorded and an automatic checker's proposal) and the
 * observation-window notices sent about them, once per criterion and kind
 * (the unique key decides which of several racing replicas sends).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('release_success_criteria', table => {
    table.comment('A success criterion of a release');
    table.string('id', 36).primary();
    table
      .string('release_id', 36)
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table.integer('position').notNullable();
    table.text('text').notNullable();
    table.string('metric', 100).nullable();
    table.string('comparator', 2).nullable();
    table.double('threshold').nullable();
    table.string('observation_window', 50).nullable();
    table.string('owner_ref', 300).notNullable();
    table.string('result', 10).nullable();
    table.text('evidence').nullable();
    table.string('observed_value', 200).nullable();
    table.text('waiver_reason').nullable();
    table.string('recorded_by', 300).nullable();
    table.timestamp('recorded_at', { useTz: true }).nullable();
    table.string('proposed_result', 10).nullable();
    table.double('proposed_value').nullable();
    table.text('proposal_error').nullable();
    table.string('proposal_checker', 100).nullable();
    table.timestamp('checked_at', { useTz: true }).nullable();
    table.string('created_by', 300).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['release_id', 'position'], 'release_success_criteria_order');
  });
  await knex.schema.createTable('release_criterion_notices', table => {
    table.comment('An observation-window notice sent about a criterion');
    table
      .string('criterion_id', 36)
      .notNullable()
      .references('id')
      .inTable('release_success_criteria')
      .onDelete('CASCADE');
    table.string('kind', 20).notNullable().comment('owner or managers');
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.unique(['criterion_id', 'kind'], {
      indexName: 'release_criterion_notices_once',
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('release_criterion_notices');
  await knex.schema.dropTable('release_success_criteria');
};
