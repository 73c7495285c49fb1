import { Knex } from 'knex';

const TABLE = 'release_listing_revision';

/**
 * Increments the listing revision (see {@link ListingRevisionStore}) as the
 * last write of `tx`: every transaction that changes releases, their child
 * rows, freezes, the conflicts table or which rollbacks are in progress
 * calls it just before it commits.
 * Last, so that a transaction holding the revision's row lock on PostgreSQL
 * waits for nothing but its commit, and writers cannot deadlock on it.
 */
export async function bumpListingRevision(tx: Knex.Transaction) {
  await tx(TABLE).where({ id: 1 }).increment('value', 1);
}

/**
 * The revision of what a release listing shows, kept in the database so
 * that every replica reads the same one: it changes with every committed
 * change to releases, their entities, ordering and freeze overrides,
 * freezes, the conflicts table and the rollbacks in progress (what the
 * deploy gate reads).
 *
 * @public
 */
export class ListingRevisionStore {
  constructor(private readonly db: Knex) {}

  /** The revision now. */
  async read(): Promise<number> {
    const row = await this.db(TABLE).where({ id: 1 }).first('value');
    return Number(row?.value ?? 0);
  }
}
