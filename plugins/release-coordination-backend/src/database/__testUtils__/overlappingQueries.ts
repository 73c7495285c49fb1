import { Knex } from 'knex';

type QueryEvent = { __knexUid: string; __knexQueryUid?: string; sql: string };

/**
 * Records, from now on, every query sent on a connection while another
 * query still runs on it: what a transaction's reads in parallel do, which
 * pg 8 queues with a deprecation warning and pg 9 refuses. Statements
 * without a query id (a transaction's `BEGIN` and `COMMIT`) are not counted.
 */
export function recordOverlappingQueries(knex: Knex): string[] {
  const running = new Map<string, Set<string>>();
  const overlapping: string[] = [];
  knex.on('query', (query: QueryEvent) => {
    if (!query.__knexQueryUid) return;
    const queries = running.get(query.__knexUid) ?? new Set();
    if (queries.size > 0) overlapping.push(query.sql);
    running.set(query.__knexUid, queries.add(query.__knexQueryUid));
  });
  const finished = (query: QueryEvent) =>
    query.__knexQueryUid &&
    running.get(query.__knexUid)?.delete(query.__knexQueryUid);
  knex.on('query-response', (_response: unknown, query: QueryEvent) =>
    finished(query),
  );
  knex.on('query-error', (_error: unknown, query: QueryEvent) =>
    finished(query),
  );
  return overlapping;
}
