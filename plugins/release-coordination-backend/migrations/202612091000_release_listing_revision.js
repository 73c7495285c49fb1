// @ts-check

/**
 * The revision of what a release listing shows (src/listingCache): one row
 * whose value every transaction that changes releases, their entities,
 * ordering or freeze overrides, freezes or the conflicts table increments as
 * its last write. A stored listing is served only while the revision is the
 * one it was computed at, so that every replica sees a write at once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('release_listing_revision', table => {
    table.integer('id').primary();
    table.bigInteger('value').notNullable();
  });
  await knex('release_listing_revision').insert({ id: 1, value: 0 });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('release_listing_revision');
};
