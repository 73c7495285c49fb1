import { Freeze } from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import { bumpListingRevision } from './listingRevision';
import type { ConflictStore } from '../conflicts/ConflictStore';
import type { FreezeStore } from './FreezeStore';
import type { ReleaseStore } from './ReleaseStore';

/**
 * The stores a write listener reads and writes with: bound to the
 * transaction of the write, so that they see it and commit or roll back
 * with it.
 *
 * @public
 */
export interface TransactionStores {
  releaseStore: ReleaseStore;
  freezeStore: FreezeStore;
  conflictStore: ConflictStore;
}

/**
 * Releases created or changed in a transaction, with their owners before
 * and after.
 *
 * @public
 */
export interface ReleasesWritten {
  releaseIds: string[];
  ownerRefs: string[];
}

/**
 * What runs inside the transaction of every write to releases or freezes,
 * before it commits: its failure rolls the write back.
 *
 * @public
 */
export interface WriteListener {
  releasesWritten(
    stores: TransactionStores,
    change: ReleasesWritten,
  ): Promise<void>;
  /** `freezes` holds each changed freeze before and after (created: after only, deleted: before only). */
  freezesWritten(
    stores: TransactionStores,
    change: { freezes: Freeze[] },
  ): Promise<void>;
}

/**
 * Transactions over one database, with the listener that runs inside every
 * write to releases and freezes. One per database connection (see
 * {@link transactionsOf}), so that every store over it tells the same
 * listener, whoever built the store.
 *
 * @public
 */
export class StoreTransactions {
  private listener?: WriteListener;

  constructor(
    private readonly db: Knex,
    private readonly storesOver: (tx: Knex.Transaction) => TransactionStores,
  ) {}

  /** Sets the listener told of every write (the last one set wins). */
  setListener(listener: WriteListener) {
    this.listener = listener;
  }

  /**
   * Runs `work`, a write, in one transaction with stores bound to it; the
   * listing revision moves as the transaction's last write.
   */
  run<T>(work: (stores: TransactionStores) => Promise<T>): Promise<T> {
    return this.db.transaction(async tx => {
      const result = await work(this.storesOver(tx));
      await bumpListingRevision(tx);
      return result;
    });
  }

  /** Tells the listener of releases written in `tx`. */
  async releasesWritten(tx: Knex.Transaction, change: ReleasesWritten) {
    await this.listener?.releasesWritten(this.storesOver(tx), change);
  }

  /** Tells the listener of freezes written in `tx`. */
  async freezesWritten(tx: Knex.Transaction, freezes: Freeze[]) {
    await this.listener?.freezesWritten(this.storesOver(tx), { freezes });
  }
}

const byDatabase = new WeakMap<Knex, StoreTransactions>();

/** The transactions of a database connection, made on first use. */
export function transactionsOf(
  db: Knex,
  storesOver: (tx: Knex.Transaction) => TransactionStores,
): StoreTransactions {
  let transactions = byDatabase.get(db);
  if (!transactions) {
    transactions = new StoreTransactions(db, storesOver);
    byDatabase.set(db, transactions);
  }
  return transactions;
}
