import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';

/** A timestamp column as the database drivers return it. */
export type Timestamp = Date | string | number;

/**
 * Timestamps come back as `Date` from PostgreSQL and as epoch milliseconds
 * (or strings) from SQLite; the API always speaks UTC ISO strings.
 */
export function toIso(value: Timestamp): string {
  return new Date(value).toISOString();
}

/** The fields of a partial update that are set (not `undefined`). */
export function definedFields<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** Whether an error is a unique-key violation on PostgreSQL or SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Who created a record and when, when it last changed, and its revision. */
export interface Revisioned {
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  revision: number;
}

/** The columns of {@link Revisioned}, as stored. */
export interface RevisionedRow {
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  revision: number;
}

/** The {@link Revisioned} fields of a record as columns. */
export function revisionedColumns(record: Revisioned) {
  return {
    created_by: record.createdBy,
    created_at: new Date(record.createdAt),
    updated_at: new Date(record.updatedAt),
    revision: record.revision,
  };
}

/** The {@link Revisioned} fields of a row. */
export function revisionedFields(row: RevisionedRow): Revisioned {
  return {
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    revision: row.revision,
  };
}

/**
 * Changes the record `id` of `table` if it still is at `revision`
 * (compare-and-set), in one transaction: `change` makes the new record from
 * the current one; the revision goes up and `updatedAt` is set. Throws
 * `NotFoundError` if absent and `ConflictError` if the revision is stale;
 * `what` names the record in those (e.g. `Train <id>`).
 */
export async function updateRevisioned<
  T extends Revisioned,
  Row extends RevisionedRow & { id: string },
>(
  db: Knex,
  target: { table: string; what: string; id: string; revision: number },
  mapping: { toRow: (record: T) => Row; fromRow: (row: Row) => T },
  change: (current: T) => T,
  updatedAt: string,
): Promise<T> {
  const { table, what, id, revision } = target;
  return db.transaction(async tx => {
    const row: Row | undefined = await tx(table).where({ id }).first();
    if (!row) {
      throw new NotFoundError(`${what} not found`);
    }
    const next = change(mapping.fromRow(row));
    const {
      id: _id,
      created_by,
      created_at,
      ...values
    } = mapping.toRow({
      ...next,
      updatedAt,
      revision: revision + 1,
    });
    const updated = await tx(table).where({ id, revision }).update(values);
    if (updated === 0) {
      throw new ConflictError(
        `${what} was changed by someone else since revision ${revision}; reload it and try again`,
      );
    }
    return mapping.fromRow(await tx(table).where({ id }).first());
  });
}
