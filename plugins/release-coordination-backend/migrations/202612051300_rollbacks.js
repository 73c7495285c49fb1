// @ts-check

/**
 * Rollback coordination:
 * - `release_rollbacks`: the decision to roll a release back (at most one per
 *   release), its revision and when its last step was done;
 * - `release_rollback_entities`: the entities being rolled back, for the
 *   deploy gate;
 * - `release_rollback_steps`: the execution steps in order, with status and
 *   whether the release managers were told of its failure;
 * - `release_hotfixes`: follow-up hotfix releases of rolled-back ones.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const releaseRef = (
    /** @type {import('knex').Knex.CreateTableBuilder} */ table,
    column = 'release_id',
  ) =>
    table
      .string(column, 36)
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
  await knex.schema.createTable('release_rollbacks', table => {
    table.comment('The decision to roll a release back');
    releaseRef(table).primary();
    table.text('reason').notNullable();
    table
      .text('triggered_by')
      .notNullable()
      .comment('JSON: criterionIds, issueIds');
    table
      .text('scope')
      .notNullable()
      .comment('JSON: "release" or { entityRefs }');
    table.boolean('emergency').notNullable().defaultTo(false);
    table.string('decided_by', 300).notNullable();
    table.timestamp('decided_at', { useTz: true }).notNullable();
    table.timestamp('completed_at', { useTz: true }).nullable();
    table.integer('revision').notNullable();
  });
  await knex.schema.createTable('release_rollback_entities', table => {
    table.comment('The entities a rollback undoes');
    releaseRef(table);
    table.string('entity_ref', 300).notNullable();
    table.primary(['release_id', 'entity_ref']);
    table.index('entity_ref', 'release_rollback_entities_entity_idx');
  });
  await knex.schema.createTable('release_rollback_steps', table => {
    table.comment('The execution steps of a rollback');
    releaseRef(table);
    table.integer('step_index').notNullable();
    table.text('title').notNullable();
    table.string('owner_ref', 300).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, running, done, failed');
    table.text('note').nullable();
    table.string('updated_by', 300).nullable();
    table.timestamp('updated_at', { useTz: true }).nullable();
    table
      .boolean('failure_notified')
      .notNullable()
      .defaultTo(false)
      .comment('The release managers were told it failed');
    table.primary(['release_id', 'step_index']);
  });
  await knex.schema.createTable('release_hotfixes', table => {
    table.comment('Follow-up hotfix releases of rolled-back releases');
    releaseRef(table, 'hotfix_id').primary();
    releaseRef(table, 'of_release_id');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index('of_release_id', 'release_hotfixes_of_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('release_hotfixes');
  await knex.schema.dropTable('release_rollback_steps');
  await knex.schema.dropTable('release_rollback_entities');
  await knex.schema.dropTable('release_rollbacks');
};
