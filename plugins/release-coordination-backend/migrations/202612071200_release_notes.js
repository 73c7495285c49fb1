// @ts-check

/**
 * Release notes:
 * - `release_notes_edits`: the edited notes of a release, one per audience,
 *   with the generated notes the edit started from and a revision for
 *   lost-update protection;
 * - `calendar_feeds.kind`: personal feeds serve a calendar (all feeds until
 *   now) or a System's released notes as Atom, with the same secret tokens.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('release_notes_edits', table => {
    table.comment('Edited release notes, one per release and audience');
    table
      .string('release_id', 36)
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table.string('audience', 16).notNullable().comment('engineering, business');
    table.text('markdown').notNullable();
    table
      .text('base_generated')
      .notNullable()
      .comment('The generated notes the edit started from');
    table.integer('revision').notNullable();
    table.string('edited_by', 300).notNullable();
    table.timestamp('edited_at', { useTz: true }).notNullable();
    table.primary(['release_id', 'audience']);
  });
  await knex.schema.alterTable('calendar_feeds', table => {
    table
      .string('kind', 16)
      .notNullable()
      .defaultTo('calendar')
      .comment('calendar, release-notes');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('calendar_feeds', table => {
    table.dropColumn('kind');
  });
  await knex.schema.dropTable('release_notes_edits');
};
