/*
 * SQL on the run's database through Knex (the repository's database
 * library), one short-lived connection per use.
 */
import knexFactory from 'knex';

/** Runs a statement (`?` placeholders) and returns its rows. */
export type Query = (sql: string, bindings?: unknown[]) => Promise<any[]>;

/** Opens a connection to `url`, hands `fn` a query function, and closes it. */
export async function withDatabase<T>(
  url: string,
  fn: (query: Query) => Promise<T>,
): Promise<T> {
  const db = knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: 1 },
  });
  try {
    return await fn(async (sql, bindings = []) => {
      const result = await db.raw(sql, bindings as any[]);
      return result.rows;
    });
  } finally {
    await db.destroy();
  }
}
