// @ts-check

/**
 * Risk level overrides of releases: a level set by an owner instead of the
 * computed one, with the written reason (at most one per release).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('release_risk_overrides', table => {
    table.comment(
      'A risk level chosen by an owner instead of the computed one',
    );
    table
      .string('release_id', 36)
      .primary()
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table
      .string('level', 16)
      .notNullable()
      .comment('low, medium, high, critical');
    table.text('reason').notNullable();
    table.string('set_by', 300).notNullable();
    table.timestamp('set_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('release_risk_overrides');
};
