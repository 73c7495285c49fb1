// @ts-check

/**
 * Release trains (a cadence of slots), bookings of releases onto their slots,
 * and personal calendar feeds (only a hash of each feed's token is stored).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('trains', table => {
    table.comment('Release trains: slots on a cadence that releases book onto');
    table.string('id', 36).primary().notNullable();
    table.string('name', 200).notNullable();
    table.text('description').notNullable();
    table.string('rrule', 1000).notNullable().comment('RFC 5545 RRULE value');
    table
      .string('timezone', 100)
      .notNullable()
      .comment('IANA zone of the rule');
    table
      .timestamp('start_at', { useTz: true })
      .notNullable()
      .comment('Start of the first slot (DTSTART)');
    table.string('slot_duration', 50).notNullable().comment('ISO 8601');
    table
      .string('cutoff', 50)
      .notNullable()
      .comment('ISO 8601 duration before a slot start');
    table
      .text('scope')
      .notNullable()
      .comment('JSON object: systems, entities (entity refs)');
    table.string('created_by', 300).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.integer('revision').notNullable();
    table.index(['name'], 'trains_name_idx');
  });

  await knex.schema.createTable('train_bookings', table => {
    table.comment('A release booked onto a slot of a train (at most one)');
    table.string('release_id', 36).primary().notNullable();
    table
      .string('train_id', 36)
      .notNullable()
      .references('id')
      .inTable('trains')
      .onDelete('CASCADE');
    table.timestamp('slot_start', { useTz: true }).notNullable();
    table.string('booked_by', 300).notNullable();
    table.timestamp('booked_at', { useTz: true }).notNullable();
    table.index(['train_id', 'slot_start'], 'train_bookings_slot_idx');
  });

  await knex.schema.createTable('calendar_feeds', table => {
    table.comment('Personal iCalendar feed URLs; the token is stored hashed');
    table.string('id', 36).primary().notNullable();
    table
      .string('token_hash', 64)
      .notNullable()
      .comment('Hex SHA-256 of the secret token');
    table.string('user_ref', 300).notNullable();
    table.text('filters').notNullable().comment('JSON object');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['user_ref', 'created_at'], 'calendar_feeds_user_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('calendar_feeds');
  await knex.schema.dropTable('train_bookings');
  await knex.schema.dropTable('trains');
};
