import { CalendarFilters } from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import { Timestamp } from './rows';

/**
 * What a personal feed serves: a calendar (`calendar_feeds` rows from before
 * feeds had kinds are calendars) or a System's released notes.
 *
 * @public
 */
export type FeedKind = 'calendar' | 'release-notes';

type FeedRow = {
  id: string;
  token_hash: string;
  user_ref: string;
  filters: string;
  created_at: Timestamp;
  kind: FeedKind;
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

  async createFeed(
    feed: StoredCalendarFeed,
    kind: FeedKind = 'calendar',
  ): Promise<StoredCalendarFeed> {
    await this.db('calendar_feeds').insert({
      id: feed.id,
      kind,
      token_hash: feed.tokenHash,
      user_ref: feed.userRef,
      filters: JSON.stringify(feed.filters),
      created_at: new Date(feed.createdAt),
    });
    return (await this.getFeed(feed.id, kind))!;
  }

  /** A feed of a kind; undefined for a feed of another kind. */
  async getFeed(
    id: string,
    kind: FeedKind = 'calendar',
  ): Promise<StoredCalendarFeed | undefined> {
    const row = await this.db<FeedRow>('calendar_feeds')
      .where({ id, kind })
      .first();
    return row ? fromRow(row) : undefined;
  }

  /** A user's feeds of a kind, oldest first. */
  async listFeeds(
    userRef: string,
    kind: FeedKind = 'calendar',
  ): Promise<StoredCalendarFeed[]> {
    const rows = await this.db<FeedRow>('calendar_feeds')
      .where({ user_ref: userRef, kind })
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(fromRow);
  }

  /** Deletes a feed of a user; false if that user has no such feed of the kind. */
  async deleteFeed(
    id: string,
    userRef: string,
    kind: FeedKind = 'calendar',
  ): Promise<boolean> {
    return (
      (await this.db('calendar_feeds')
        .where({ id, user_ref: userRef, kind })
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
