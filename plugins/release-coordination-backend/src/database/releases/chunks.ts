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
