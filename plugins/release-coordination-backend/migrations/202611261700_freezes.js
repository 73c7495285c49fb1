// @ts-check

/**
 * Freezes (blackout periods), one-off or recurring.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('freezes', table => {
    table.comment(
      'Freezes: times in which the entities in scope should not be released',
    );
    table.string('id', 36).primary().notNullable();
    table.string('title', 200).notNullable();
    table.text('description').notNullable();
    table.boolean('scope_all').notNullable();
    table
      .text('scope')
      .notNullable()
      .comment('JSON object: domains, systems, groups, entities (entity refs)');
    table
      .timestamp('start_at', { useTz: true })
      .notNullable()
      .comment('Start of the (first) occurrence');
    table
      .timestamp('end_at', { useTz: true })
      .notNullable()
      .comment('End of the (first) occurrence');
    table.string('rrule', 1000).nullable().comment('RFC 5545 RRULE value');
    table.string('timezone', 100).nullable().comment('IANA zone of the rule');
    table.text('exdates').nullable().comment('JSON array of skipped starts');
    table.timestamp('until_at', { useTz: true }).nullable();
    table
      .timestamp('last_end_at', { useTz: true })
      .nullable()
      .comment(
        'Latest instant any occurrence may reach (null: recurs forever); for range lookups',
      );
    table
      .text('exempt_types')
      .notNullable()
      .comment('JSON array of release types');
    table.timestamp('ended_at', { useTz: true }).nullable();
    table.text('end_reason').nullable();
    table.string('created_by', 300).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.integer('revision').notNullable();
    table.index(['start_at', 'id'], 'freezes_start_idx');
    table.index(['last_end_at'], 'freezes_last_end_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('freezes');
};
