// @ts-check

/**
 * Release plans, the catalog entities they change and their append-only history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('releases', table => {
    table.comment(
      'Release plans: a change to catalog entities in a time window',
    );
    table.string('id', 36).primary().notNullable();
    table.string('title', 200).notNullable();
    table.string('version', 100).notNullable();
    table.string('type', 32).notNullable();
    table.string('state', 32).notNullable();
    table.timestamp('window_start', { useTz: true }).notNullable();
    table.timestamp('window_end', { useTz: true }).notNullable();
    table.string('owner_ref', 300).notNullable();
    table.text('description').notNullable();
    table.text('changes').notNullable().comment('JSON array of change items');
    table.string('created_by', 300).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.integer('revision').notNullable();
    table.index(['window_start', 'id'], 'releases_window_idx');
    table.index(['window_end'], 'releases_window_end_idx');
    table.index(['owner_ref', 'window_start'], 'releases_owner_idx');
    table.index(['state', 'window_start'], 'releases_state_idx');
  });

  await knex.schema.createTable('release_entities', table => {
    table.comment(
      'Catalog entities a release changes, with its window copied for lookups',
    );
    table
      .string('release_id', 36)
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table.string('entity_ref', 300).notNullable();
    table.timestamp('window_start', { useTz: true }).notNullable();
    table.timestamp('window_end', { useTz: true }).notNullable();
    table.primary(['release_id', 'entity_ref']);
    table.index(['entity_ref', 'window_start'], 'release_entities_ref_idx');
  });

  await knex.schema.createTable('release_events', table => {
    table.comment('Append-only history of every release');
    table.increments('id').primary();
    table
      .string('release_id', 36)
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table.string('action', 32).notNullable();
    table.string('actor_ref', 300).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.text('changes').notNullable().comment('JSON array of field changes');
    table.text('reason').nullable();
    table.index(['release_id', 'id'], 'release_events_release_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('release_events');
  await knex.schema.dropTable('release_entities');
  await knex.schema.dropTable('releases');
};
