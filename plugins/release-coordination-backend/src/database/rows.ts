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
 * A compare-and-set change of a {@link Revisioned} record: set `fields` if it
 * still is at `revision`, and mark it updated at `updatedAt`.
 */
export interface RevisionedUpdate<Fields> {
  id: string;
  revision: number;
  fields: Fields;
  updatedAt: string;
}

/**
 * How a {@link RevisionedTable} stores the fields of its records but `id` and
 * the {@link Revisioned} ones, which it maps itself.
 */
export interface RowMapping<T, Row> {
  toRow(record: T): Omit<Row, 'id' | keyof RevisionedRow>;
  fromRow(row: Row): Omit<T, 'id' | keyof Revisioned>;
}

/**
 * A table of {@link Revisioned} records with an `id` key: reads, inserts and
 * compare-and-set updates through one row mapping.
 */
export class RevisionedTable<
  T extends Revisioned & { id: string },
  Row extends RevisionedRow & { id: string },
> {
  /** `what` names a record in errors (e.g. `Train` gives `Train <id> not found`). */
  constructor(
    private readonly db: Knex,
    private readonly table: string,
    private readonly what: string,
    private readonly mapping: RowMapping<T, Row>,
  ) {}

  /** A record's row: `id`, the columns of its mapping, then the revision. */
  private toRow(record: T): Row {
    const own = this.mapping.toRow(record);
    return { id: record.id, ...own, ...revisionedColumns(record) } as Row;
  }

  /** A row's record: `id`, the fields of its mapping, then the revision. */
  private fromRow(row: Row): T {
    const own = this.mapping.fromRow(row);
    return { id: row.id, ...own, ...revisionedFields(row) } as T;
  }

  /** Inserts a record and reads it back as stored. */
  async insert(record: T): Promise<T> {
    await this.db(this.table).insert(this.toRow(record));
    return (await this.get(record.id))!;
  }

  async get(id: string): Promise<T | undefined> {
    const row: Row | undefined = await this.db(this.table)
      .where({ id })
      .first();
    return row ? this.fromRow(row) : undefined;
  }

  /** The records of the rows `query` keeps of the table (all, by default). */
  async list(
    query: (rows: Knex.QueryBuilder) => Knex.QueryBuilder = rows => rows,
  ): Promise<T[]> {
    const rows: Row[] = await query(this.db(this.table));
    return rows.map(row => this.fromRow(row));
  }

  /**
   * Changes the record `id` if it still is at `revision` (compare-and-set),
   * in one transaction: `change` makes the new record from the current one;
   * the revision goes up and `updatedAt` is set. Throws `NotFoundError` if
   * absent and `ConflictError` if the revision is stale.
   */
  async update(
    target: { id: string; revision: number; updatedAt: string },
    change: (current: T) => T,
  ): Promise<T> {
    const { id, revision, updatedAt } = target;
    const { table } = this;
    const what = `${this.what} ${id}`;
    return this.db.transaction(async tx => {
      const row: Row | undefined = await tx(table).where({ id }).first();
      if (!row) {
        throw new NotFoundError(`${what} not found`);
      }
      const next = change(this.fromRow(row));
      const {
        id: _id,
        created_by,
        created_at,
        ...values
      } = this.toRow({
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
      return this.fromRow(await tx(table).where({ id }).first());
    });
  }

  async delete(id: string): Promise<boolean> {
    return (await this.db(this.table).where({ id }).delete()) > 0;
  }

  async isEmpty(): Promise<boolean> {
    return !(await this.db(this.table).first('id'));
  }
}
