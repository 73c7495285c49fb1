import { ConflictError } from '@backstage/errors';

/**
 * Optimistic concurrency for edits: throws a `ConflictError` (409) unless the
 * caller saw the latest revision of the thing (`what`, e.g. `Train <id>`).
 */
export function assertRevision(
  what: string,
  current: number,
  expected: number,
): void {
  if (current !== expected) {
    throw new ConflictError(
      `${what} is at revision ${current}, not ${expected}; reload it and try again`,
    );
  }
}
