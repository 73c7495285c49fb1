// @ts-check

/**
 * Release ordering (`after`: releases a release must follow) and the freeze
 * override of a release.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('release_ordering', table => {
    table.comment('Releases a release must follow: it starts after they end');
    table
      .string('release_id', 36)
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table
      .string('after_id', 36)
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table.primary(['release_id', 'after_id']);
    table.index(['after_id'], 'release_ordering_after_idx');
  });

  // a table rather than columns: dropping columns makes SQLite rebuild
  // `releases`, which would cascade into the tables that reference it
  await knex.schema.createTable('release_freeze_overrides', table => {
    table.comment(
      'Releases that go ahead despite applicable freezes, with the reason',
    );
    table
      .string('release_id', 36)
      .primary()
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table.text('reason').notNullable();
    table.string('set_by', 300).notNullable();
    table.timestamp('set_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('release_freeze_overrides');
  await knex.schema.dropTable('release_ordering');
};
