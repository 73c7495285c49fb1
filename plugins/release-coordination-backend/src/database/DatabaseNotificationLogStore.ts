import { Knex } from 'knex';
import { isUniqueViolation } from './rows';

/**
 * What the scheduled notification tasks already sent
 * (`release_approval_reminders`, `release_weekly_digests`,
 * `release_approval_follow_ups`). Each `claim…`
 * inserts under a unique key: exactly one of several racing callers, on any
 * number of replicas, gets `true` and sends.
 *
 * @public
 */
export class DatabaseNotificationLogStore {
  /** Over a migrated database (see `createStores`). */
  constructor(private readonly db: Knex) {}

  /** Claims the reminder of a group for a release round; false if already sent. */
  async claimReminder(
    releaseId: string,
    round: number,
    groupRef: string,
    at: Date,
  ): Promise<boolean> {
    return this.claim('release_approval_reminders', {
      release_id: releaseId,
      round,
      group_ref: groupRef,
      sent_at: at,
    });
  }

  /**
   * Claims a notice about a group's approval collected afterwards for a
   * release round: the `reminder` before the deadline or the `overdue` flag
   * after it; false if already sent.
   */
  async claimFollowUp(
    releaseId: string,
    round: number,
    groupRef: string,
    kind: 'reminder' | 'overdue',
    at: Date,
  ): Promise<boolean> {
    return this.claim('release_approval_follow_ups', {
      release_id: releaseId,
      round,
      group_ref: groupRef,
      kind,
      sent_at: at,
    });
  }

  /** Claims the digest of a group for a week (a UTC date); false if already sent. */
  async claimDigest(
    groupRef: string,
    week: string,
    at: Date,
  ): Promise<boolean> {
    return this.claim('release_weekly_digests', {
      group_ref: groupRef,
      week,
      sent_at: at,
    });
  }

  private async claim(table: string, row: object): Promise<boolean> {
    try {
      await this.db(table).insert(row);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}

/**
 * What services may use of the notificationlog store.
 *
 * @public
 */
export type NotificationLogStore = Pick<
  DatabaseNotificationLogStore,
  keyof DatabaseNotificationLogStore
>;
