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
