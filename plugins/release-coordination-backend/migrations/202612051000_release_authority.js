// @ts-check

/**
 * Who holds a release, and which rules it was planned under:
 * - `pending_owner_ref`: the group its owners offered it to (hand-over), until
 *   a member of that group accepts;
 * - `handed_over_at`: when another group accepted it; the creator's rights
 *   (seeing the draft, withdrawing it) end then;
 * - `planned_type`: its type when it was planned, whose approval rule still
 *   counts after a change of type;
 * - `standard_change_id`: the declared standard change a `standard` release
 *   follows.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('releases', table => {
    table
      .string('pending_owner_ref')
      .nullable()
      .comment('Group offered the release, until it accepts');
    table
      .timestamp('handed_over_at', { useTz: true })
      .nullable()
      .comment('When another group accepted the release');
    table
      .string('planned_type')
      .nullable()
      .comment('The release type when it was planned');
    table
      .string('standard_change_id')
      .nullable()
      .comment('The declared standard change of a standard release');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('releases', table => {
    table.dropColumn('pending_owner_ref');
    table.dropColumn('handed_over_at');
    table.dropColumn('planned_type');
    table.dropColumn('standard_change_id');
  });
};
