import { Knex } from 'knex';

/** Most ids in one `IN` list, well below SQLite's limit of bound variables. */
const CHUNK = 500;

/** The items in lists short enough for one `IN` list each. */
export function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    result.push(items.slice(i, i + CHUNK));
  }
  return result;
}

/**
 * The rows `read` gives for each chunk of the items, joined: chunks in
 * parallel over the pool, one after the other in a transaction, whose one
 * connection runs one query at a time (pg 9 refuses a second one).
 */
export async function readInChunks<T, R>(
  db: Knex,
  items: T[],
  read: (chunk: T[]) => PromiseLike<R[]>,
): Promise<R[]> {
  if (!db.isTransaction) {
    return (await Promise.all(chunks(items).map(read))).flat();
  }
  const rows: R[] = [];
  for (const chunk of chunks(items)) rows.push(...(await read(chunk)));
  return rows;
}
