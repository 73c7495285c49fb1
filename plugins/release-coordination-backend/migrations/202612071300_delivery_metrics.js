// @ts-check

/**
 * Delivery metrics, kept up to date with every release event
 * (src/metrics/deliveryTimes.ts) so the measures are aggregate queries:
 * - `release_delivery_times`: when a release first entered each lifecycle
 *   state that a measure reads, in epoch milliseconds (portable arithmetic
 *   on SQLite and PostgreSQL), and what it was when released: its window,
 *   whether a hotfix and on a train, and for a hotfix when one of its
 *   entities was last released before;
 * - `release_delivery_entities`: its entities with the two anchor times, so
 *   a System's or Group's measures read an index range per entity.
 * Existing histories are read into both here.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('release_delivery_times', table => {
    table.comment(
      'When a release first entered the states delivery metrics read',
    );
    table
      .string('release_id', 36)
      .primary()
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    for (const column of [
      'planned_at',
      'approved_at',
      'started_at',
      'released_at',
      'rollback_at',
    ]) {
      table.bigInteger(column).nullable().comment('epoch ms');
    }
    table
      .bigInteger('window_start')
      .nullable()
      .comment('epoch ms, the window when released');
    table.bigInteger('window_end').nullable();
    table
      .boolean('hotfix')
      .notNullable()
      .defaultTo(false)
      .comment('Its type was hotfix when released');
    table
      .boolean('on_train')
      .notNullable()
      .defaultTo(false)
      .comment('It was booked on a train when released');
    table
      .bigInteger('previous_release_at')
      .nullable()
      .comment(
        'epoch ms, a hotfix: the last earlier release of one of its entities',
      );
    table.index(['released_at'], 'release_delivery_times_released_idx');
    table.index(['approved_at'], 'release_delivery_times_approved_idx');
  });
  await knex.schema.createTable('release_delivery_entities', table => {
    table.comment('The entities of a release with its delivery anchor times');
    table
      .string('release_id', 36)
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table.string('entity_ref', 300).notNullable();
    table.bigInteger('approved_at').nullable();
    table.bigInteger('released_at').nullable();
    table.primary(['release_id', 'entity_ref']);
    table.index(
      ['entity_ref', 'released_at'],
      'release_delivery_entities_released_idx',
    );
    table.index(
      ['entity_ref', 'approved_at'],
      'release_delivery_entities_approved_idx',
    );
  });
  await knex.schema.alterTable('release_issues', table => {
    table.index(['release_id', 'severity'], 'release_issues_severity_idx');
  });

  /** @type {Record<string, string>} */
  const COLUMN = {
    planned: 'planned_at',
    approved: 'approved_at',
    in_progress: 'started_at',
    released: 'released_at',
    rolling_back: 'rollback_at',
    rolled_back: 'rollback_at',
  };
  /** @type {Map<string, Record<string, number>>} */
  const times = new Map();
  let lastId = 0;
  for (;;) {
    const events = await knex('release_events')
      .where('action', 'transitioned')
      .andWhere('id', '>', lastId)
      .orderBy('id')
      .limit(5000)
      .select('id', 'release_id', 'created_at', 'changes');
    if (events.length === 0) break;
    for (const event of events) {
      lastId = event.id;
      const state = JSON.parse(event.changes).find(
        (/** @type {{ field: string }} */ change) => change.field === 'state',
      )?.after;
      const column = COLUMN[state];
      if (!column) continue;
      const row = times.get(event.release_id) ?? {};
      const at = new Date(event.created_at).getTime();
      row[column] = Math.min(row[column] ?? at, at);
      times.set(event.release_id, row);
    }
  }
  const ids = [...times.keys()];
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const releases = await knex('releases')
      .whereIn('id', chunk)
      .select('id', 'window_start', 'window_end', 'type');
    await knex('release_delivery_times').insert(
      releases.map(release => {
        const row = times.get(release.id) ?? {};
        const released = row.released_at !== undefined;
        return {
          release_id: release.id,
          ...row,
          window_start: released
            ? new Date(release.window_start).getTime()
            : null,
          window_end: released ? new Date(release.window_end).getTime() : null,
          hotfix: released && release.type === 'hotfix',
        };
      }),
    );
  }
  await knex
    .insert(
      knex('release_entities as e')
        .join('release_delivery_times as t', 't.release_id', 'e.release_id')
        .select(
          'e.release_id',
          'e.entity_ref',
          't.approved_at',
          't.released_at',
        ),
    )
    .into(
      knex.raw('?? (??, ??, ??, ??)', [
        'release_delivery_entities',
        'release_id',
        'entity_ref',
        'approved_at',
        'released_at',
      ]),
    );
  await knex('release_delivery_times')
    .whereNotNull('released_at')
    .whereIn('release_id', knex('train_bookings').select('release_id'))
    .update({ on_train: true });
  await knex('release_delivery_times')
    .where('hotfix', true)
    .update({
      previous_release_at: knex('release_delivery_entities as h')
        .join('release_delivery_entities as p', 'p.entity_ref', 'h.entity_ref')
        .whereRaw('?? = ??', [
          'h.release_id',
          'release_delivery_times.release_id',
        ])
        .whereRaw('?? <> ??', ['p.release_id', 'h.release_id'])
        .whereRaw('?? < ??', [
          'p.released_at',
          'release_delivery_times.released_at',
        ])
        .max('p.released_at'),
    });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('release_issues', table => {
    table.dropIndex([], 'release_issues_severity_idx');
  });
  await knex.schema.dropTable('release_delivery_entities');
  await knex.schema.dropTable('release_delivery_times');
};
