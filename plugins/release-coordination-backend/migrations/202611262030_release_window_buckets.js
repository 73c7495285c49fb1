// @ts-check

/**
 * The length bucket of each release window, on `releases` and on the window
 * copy in `release_entities`: an upper bound of the window's length in hours
 * (24, 168, 720 or 2160; longer windows keep their own length rounded up).
 * Overlap queries bound `window_start` from below per bucket, so a range scan
 * reads only the windows that can still reach the range's start instead of
 * everything up to 90 days before it. The default (the largest integer) means
 * "length unknown" and is always correct; existing rows are filled in here.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const UNKNOWN = 2147483647;
  const BUCKETS = [24, 168, 720, 2160];
  const HOUR = 3_600_000;
  for (const name of ['releases', 'release_entities']) {
    await knex.schema.alterTable(name, table => {
      table
        .integer('window_bucket')
        .notNullable()
        .defaultTo(UNKNOWN)
        .comment(
          'Upper bound of the window length in hours (24, 168, 720, 2160 or more)',
        );
    });
  }

  const rows = await knex('releases').select(
    'id',
    'window_start',
    'window_end',
  );
  /** @type {Map<number, string[]>} */
  const byBucket = new Map();
  for (const row of rows) {
    const hours =
      (new Date(row.window_end).getTime() -
        new Date(row.window_start).getTime()) /
      HOUR;
    const bucket =
      BUCKETS.find(b => hours <= b) ?? Math.min(UNKNOWN, Math.ceil(hours));
    const ids = byBucket.get(bucket) ?? [];
    ids.push(row.id);
    byBucket.set(bucket, ids);
  }
  for (const [bucket, ids] of byBucket) {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await knex('releases')
        .whereIn('id', chunk)
        .update({ window_bucket: bucket });
      await knex('release_entities')
        .whereIn('release_id', chunk)
        .update({ window_bucket: bucket });
    }
  }

  await knex.schema.alterTable('releases', table => {
    table.index(['window_bucket', 'window_start'], 'releases_bucket_idx');
  });
  await knex.schema.alterTable('release_entities', table => {
    table.index(
      ['entity_ref', 'window_bucket', 'window_start'],
      'release_entities_ref_bucket_idx',
    );
  });
};

/**
 * Plain `DROP COLUMN` on both databases: knex's SQLite emulation would copy
 * `releases`, and dropping the original cascades into the tables that
 * reference it.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('release_entities', table => {
    table.dropIndex([], 'release_entities_ref_bucket_idx');
  });
  await knex.schema.alterTable('releases', table => {
    table.dropIndex([], 'releases_bucket_idx');
  });
  await knex.raw('ALTER TABLE release_entities DROP COLUMN window_bucket');
  await knex.raw('ALTER TABLE releases DROP COLUMN window_bucket');
};
