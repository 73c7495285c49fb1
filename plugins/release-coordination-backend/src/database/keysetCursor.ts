import { InputError } from '@backstage/errors';
import { Knex } from 'knex';

/**
 * A keyset cursor: the last listed row's id and its sort time under the key
 * its listing names (plus whatever else that listing checks on reading it).
 */
export type KeysetCursor<TimeKey extends string> = { id: string } & Record<
  TimeKey,
  string
>;

/** The opaque cursor string handed to clients: base64url JSON of `cursor`. */
export function encodeCursor(cursor: Record<string, string>): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** What an opaque cursor string holds, if it is one ({@link encodeCursor}). */
function readCursor(value: string): Record<string, unknown> | undefined {
  try {
    const cursor = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    return cursor && typeof cursor === 'object' ? cursor : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The id of a cursor of a listing ordered by id alone; anything else is a
 * 400 saying `message`.
 */
export function decodeIdCursor(value: string, message: string): string {
  const id = readCursor(value)?.id;
  if (typeof id !== 'string') throw new InputError(message);
  return id;
}

/**
 * Reads a cursor that has a string id and a valid time under `timeKey` and
 * that `fits` (any, by default); anything else is a 400 saying `message`.
 */
function decodeCursor<TimeKey extends string>(
  value: string,
  timeKey: TimeKey,
  message: string,
  fits: (cursor: Record<string, unknown>) => boolean = () => true,
): KeysetCursor<TimeKey> {
  const cursor = readCursor(value);
  const time = cursor?.[timeKey];
  if (
    typeof cursor?.id !== 'string' ||
    typeof time !== 'string' ||
    Number.isNaN(Date.parse(time)) ||
    !fits(cursor)
  ) {
    throw new InputError(message);
  }
  return cursor as KeysetCursor<TimeKey>;
}

/**
 * Keeps the rows after the cursor's time and id in a listing ordered by the
 * `time` column, then the `id` column, both in `order`.
 */
function whereAfterKeyset(
  query: Knex.QueryBuilder,
  columns: { time: string; id: string },
  after: { time: string; id: string },
  order: 'asc' | 'desc',
) {
  const time = new Date(after.time);
  const op = order === 'asc' ? '>' : '<';
  query.where(keyset =>
    keyset
      .where(columns.time, op, time)
      .orWhere(tie =>
        tie.where(columns.time, time).andWhere(columns.id, op, after.id),
      ),
  );
}

/**
 * Keeps the rows after a client's cursor, if any, in a listing ordered by
 * a time column, then an id column, both in `order`. `columns` maps the
 * cursor's keys (its time key and `id`) to those columns; a cursor that does
 * not read ({@link decodeCursor}) is a 400 saying `message`.
 */
export function whereAfterCursor<TimeKey extends string>(
  query: Knex.QueryBuilder,
  value: string | undefined,
  keyset: {
    columns: Record<TimeKey | 'id', string>;
    order: 'asc' | 'desc';
    message: string;
    fits?: (cursor: Record<string, unknown>) => boolean;
  },
) {
  if (!value) return;
  const { columns, order, message, fits } = keyset;
  const timeKey = Object.keys(columns).find(key => key !== 'id') as TimeKey;
  const cursor = decodeCursor(value, timeKey, message, fits);
  whereAfterKeyset(
    query,
    { time: columns[timeKey], id: columns.id },
    { time: cursor[timeKey], id: cursor.id },
    order,
  );
}
