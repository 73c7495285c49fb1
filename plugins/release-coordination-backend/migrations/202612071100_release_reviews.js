// @ts-check

/**
 * Post-release reviews:
 * - `release_reviews`: one per release that went live: whether it is
 *   required and why, when the release finished (the due date counts from
 *   there), what people wrote, and whether it is completed;
 * - `release_review_action_items`: the follow-ups agreed in a review, with
 *   owner, due date and status, and the due date an overdue reminder was
 *   last sent for (claimed once per cluster).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('release_reviews', table => {
    table.comment('The post-release review of a release that went live');
    table
      .string('release_id', 36)
      .primary()
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table.boolean('required').notNullable();
    table
      .string('required_because', 200)
      .notNullable()
      .comment('JSON array of reasons');
    table.timestamp('finished_at', { useTz: true }).notNullable();
    table.string('status', 16).notNullable().comment('open, completed');
    table.text('went_well').notNullable();
    table.text('went_wrong').notNullable();
    table.text('lessons').notNullable();
    table.string('completed_by', 300).nullable();
    table.timestamp('completed_at', { useTz: true }).nullable();
    table.string('updated_by', 300).nullable();
    table.timestamp('updated_at', { useTz: true }).nullable();
    table.integer('revision').notNullable();
    table.index(['finished_at', 'release_id'], 'release_reviews_finished_idx');
    table.index(['required', 'finished_at'], 'release_reviews_required_idx');
  });
  await knex.schema.createTable('release_review_action_items', table => {
    table.comment('Action items of post-release reviews');
    table.string('id', 36).primary().notNullable();
    table
      .string('release_id', 36)
      .notNullable()
      .references('release_id')
      .inTable('release_reviews')
      .onDelete('CASCADE');
    table.text('title').notNullable();
    table.string('owner_ref', 300).notNullable();
    table.string('due_date', 10).notNullable().comment('YYYY-MM-DD');
    table.string('status', 16).notNullable().comment('open, done');
    table.string('created_by', 300).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('done_by', 300).nullable();
    table.timestamp('done_at', { useTz: true }).nullable();
    table
      .string('reminded_for', 10)
      .nullable()
      .comment('The due date the overdue reminder was sent for');
    table.index('release_id', 'release_review_action_items_release_idx');
    table.index(['status', 'due_date'], 'release_review_action_items_due_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('release_review_action_items');
  await knex.schema.dropTable('release_reviews');
};
