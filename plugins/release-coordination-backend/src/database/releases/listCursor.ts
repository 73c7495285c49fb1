import { InputError } from '@backstage/errors';
import { Knex } from 'knex';

/** Where a page of releases ended: the last release's window start and id. */
export type Cursor = { order: 'asc' | 'desc'; windowStart: string; id: string };

/** The opaque cursor string handed to clients. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** Reads a cursor of a listing in `order`; anything else is a 400. */
export function decodeCursor(value: string, order: 'asc' | 'desc'): Cursor {
  let cursor: Partial<Cursor> | undefined;
  try {
    cursor = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    cursor = undefined;
  }
  if (
    typeof cursor?.id !== 'string' ||
    typeof cursor.windowStart !== 'string' ||
    Number.isNaN(Date.parse(cursor.windowStart)) ||
    cursor.order !== order
  ) {
    throw new InputError(
      'cursor: not a cursor returned by a listing in this order',
    );
  }
  return cursor as Cursor;
}

/** Keeps the releases after the cursor in its order (by window start, then id). */
export function whereAfterCursor(query: Knex.QueryBuilder, cursor: Cursor) {
  const start = new Date(cursor.windowStart);
  const op = cursor.order === 'asc' ? '>' : '<';
  query.where(keyset =>
    keyset
      .where('window_start', op, start)
      .orWhere(tie =>
        tie.where('window_start', start).andWhere('id', op, cursor.id),
      ),
  );
}
