import { CalendarFilters } from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import { Timestamp } from './rows';

type FeedRow = {
  id: string;
  token_hash: string;
  user_ref: string;
  filters: string;
  created_at: Timestamp;
};

/**
 * A stored calendar feed: whose it is, what it shows and the hash of its token.
 *
 * @public
 */
export interface StoredCalendarFeed {
  id: string;
  tokenHash: string;
  userRef: string;
  filters: CalendarFilters;
  createdAt: string;
}

const fromRow = (row: FeedRow): StoredCalendarFeed => ({
  id: row.id,
  tokenHash: row.token_hash,
  userRef: row.user_ref,
  filters: JSON.parse(row.filters),
  createdAt: new Date(row.created_at).toISOString(),
});

/**
 * Stores personal calendar feeds (never their tokens, only hashes) in the
 * plugin's Knex database.
 *
 * @public
 */
export class DatabaseCalendarFeedStore {
  /** Over a migrated database (see `createStores`). */
  constructor(private readonly db: Knex) {}

  async createFeed(feed: StoredCalendarFeed): Promise<StoredCalendarFeed> {
    await this.db('calendar_feeds').insert({
      id: feed.id,
      token_hash: feed.tokenHash,
      user_ref: feed.userRef,
      filters: JSON.stringify(feed.filters),
      created_at: new Date(feed.createdAt),
    });
    return (await this.getFeed(feed.id))!;
  }

  async getFeed(id: string): Promise<StoredCalendarFeed | undefined> {
    const row = await this.db<FeedRow>('calendar_feeds').where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  /** A user's feeds, oldest first. */
  async listFeeds(userRef: string): Promise<StoredCalendarFeed[]> {
    const rows = await this.db<FeedRow>('calendar_feeds')
      .where({ user_ref: userRef })
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(fromRow);
  }

  /** Deletes a feed of a user; false if that user has no such feed. */
  async deleteFeed(id: string, userRef: string): Promise<boolean> {
    return (
      (await this.db('calendar_feeds')
        .where({ id, user_ref: userRef })
        .delete()) > 0
    );
  }
}

/**
 * What services may use of the calendarfeed store.
 *
 * @public
 */
export type CalendarFeedStore = Pick<
  DatabaseCalendarFeedStore,
  keyof DatabaseCalendarFeedStore
>;
