import { DatabaseService } from '@backstage/backend-plugin-api';
import { connect } from './connect';
import { ApprovalStore, DatabaseApprovalStore } from './DatabaseApprovalStore';
import {
  CalendarFeedStore,
  DatabaseCalendarFeedStore,
} from './DatabaseCalendarFeedStore';
import { DatabaseFreezeStore } from './DatabaseFreezeStore';
import {
  DatabaseNotificationLogStore,
  NotificationLogStore,
} from './DatabaseNotificationLogStore';
import { DatabaseReleaseStore } from './DatabaseReleaseStore';
import {
  DatabaseRiskOverrideStore,
  RiskOverrideStore,
} from './DatabaseRiskOverrideStore';
import { DatabaseTrainStore, TrainStore } from './DatabaseTrainStore';
import { FreezeStore } from './FreezeStore';
import { ReleaseStore } from './ReleaseStore';
import {
  DatabaseVerificationStore,
  VerificationStore,
} from '../verification/DatabaseVerificationStore';
import {
  DatabaseReleaseIssueStore,
  ReleaseIssueStore,
} from '../releaseIssues/DatabaseReleaseIssueStore';
import {
  DatabaseRollbackStore,
  RollbackStore,
} from '../rollback/DatabaseRollbackStore';
import {
  DatabaseReviewStore,
  ReviewStore,
} from '../reviews/DatabaseReviewStore';
import {
  DatabaseReleaseNotesStore,
  ReleaseNotesStore,
} from '../releaseNotes/DatabaseReleaseNotesStore';
import { DatabaseMetricsStore } from '../metrics/DatabaseMetricsStore';
import { ConflictStore } from '../conflicts/ConflictStore';
import { DatabaseConflictStore } from '../conflicts/DatabaseConflictStore';
import { Knex } from 'knex';
import { ListingRevisionStore } from './listingRevision';
import {
  StoreTransactions,
  TransactionStores,
  transactionsOf,
} from './storeTransactions';

/**
 * Every store of the plugin, over one database.
 *
 * @public
 */
export interface Stores {
  releaseStore: ReleaseStore;
  freezeStore: FreezeStore;
  trainStore: TrainStore;
  approvalStore: ApprovalStore;
  riskOverrideStore: RiskOverrideStore;
  calendarFeedStore: CalendarFeedStore;
  notificationLog: NotificationLogStore;
  verificationStore: VerificationStore;
  releaseIssueStore: ReleaseIssueStore;
  rollbackStore: RollbackStore;
  reviewStore: ReviewStore;
  releaseNotesStore: ReleaseNotesStore;
  metricsStore: DatabaseMetricsStore;
  /** The conflicts kept up to date on write. */
  conflictStore: ConflictStore;
  /** The revision stored release listings are checked against. */
  listingRevision: ListingRevisionStore;
  /** Transactions over the database, and what runs inside every write. */
  transactions: StoreTransactions;
}

/** The stores a write's listener uses, bound to its transaction. */
function storesIn(tx: Knex.Transaction): TransactionStores {
  return {
    releaseStore: new DatabaseReleaseStore(tx),
    freezeStore: new DatabaseFreezeStore(tx),
    conflictStore: new DatabaseConflictStore(tx),
  };
}

/**
 * Connects to the plugin's database, runs the migrations once (unless the
 * backend is configured to skip them) and returns every store over it.
 *
 * @public
 */
export async function createStores(database: DatabaseService): Promise<Stores> {
  const db = await connect({ database });
  const transactions = transactionsOf(db, storesIn);
  return {
    releaseStore: new DatabaseReleaseStore(db, transactions),
    freezeStore: new DatabaseFreezeStore(db, transactions),
    trainStore: new DatabaseTrainStore(db),
    approvalStore: new DatabaseApprovalStore(db),
    riskOverrideStore: new DatabaseRiskOverrideStore(db),
    calendarFeedStore: new DatabaseCalendarFeedStore(db),
    notificationLog: new DatabaseNotificationLogStore(db),
    verificationStore: new DatabaseVerificationStore(db),
    releaseIssueStore: new DatabaseReleaseIssueStore(db),
    rollbackStore: new DatabaseRollbackStore(db),
    reviewStore: new DatabaseReviewStore(db),
    releaseNotesStore: new DatabaseReleaseNotesStore(db),
    metricsStore: new DatabaseMetricsStore(db),
    conflictStore: new DatabaseConflictStore(db),
    listingRevision: new ListingRevisionStore(db),
    transactions,
  };
}
