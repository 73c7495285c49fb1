// @ts-check

/**
 * Issues found during or after a release, their timeline of changes, the
 * entities each affects (to list an entity's issues) and the escalations
 * sent (one per issue, rule and stay in a status, enforced by a unique key
 * so racing replicas cannot send one twice).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('release_issues', table => {
    table.comment('An issue found during or after a release');
    table.string('id', 36).primary().notNullable();
    table
      .string('release_id', 36)
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table.string('title', 200).notNullable();
    table.string('severity', 8).notNullable().comment('sev1 … sev4');
    table
      .string('status', 16)
      .notNullable()
      .comment('open, acknowledged, mitigated or resolved');
    table.string('owner_ref', 300).notNullable();
    table.text('links').notNullable().comment('JSON array of {kind, url}');
    table.string('created_by', 300).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table
      .timestamp('status_since', { useTz: true })
      .notNullable()
      .comment('When the issue entered its current status');
    table.integer('revision').notNullable();
    table.index(['release_id'], 'release_issues_release_idx');
    table.index(['status', 'severity'], 'release_issues_status_idx');
    table.index(['created_at', 'id'], 'release_issues_created_idx');
  });
  await knex.schema.createTable('release_issue_entities', table => {
    table.comment('An entity an issue affects');
    table
      .string('issue_id', 36)
      .notNullable()
      .references('id')
      .inTable('release_issues')
      .onDelete('CASCADE');
    table.string('entity_ref', 300).notNullable();
    table.integer('position').notNullable();
    table.primary(['issue_id', 'entity_ref']);
    table.index(['entity_ref'], 'release_issue_entities_ref_idx');
  });
  await knex.schema.createTable('release_issue_timeline', table => {
    table.comment('One change of an issue: who changed which fields when');
    table.bigIncrements('id').primary();
    table
      .string('issue_id', 36)
      .notNullable()
      .references('id')
      .inTable('release_issues')
      .onDelete('CASCADE');
    table.string('action', 16).notNullable().comment('created or changed');
    table.string('actor_ref', 300).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.text('changes').notNullable().comment('JSON array of field changes');
  });
  await knex.schema.createTable('release_issue_escalations', table => {
    table.comment('An escalation of an issue that was sent');
    table
      .string('issue_id', 36)
      .notNullable()
      .references('id')
      .inTable('release_issues')
      .onDelete('CASCADE');
    table
      .string('rule_key', 100)
      .notNullable()
      .comment('severity:status:after of the rule');
    table
      .timestamp('status_since', { useTz: true })
      .notNullable()
      .comment('The stay in the status it escalated');
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.unique(['issue_id', 'rule_key', 'status_since'], {
      indexName: 'release_issue_escalations_once',
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('release_issue_escalations');
  await knex.schema.dropTable('release_issue_timeline');
  await knex.schema.dropTable('release_issue_entities');
  await knex.schema.dropTable('release_issues');
};
