import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { ReleaseNotesFeed } from '@internal/plugin-release-coordination-common';
import { randomUUID } from 'node:crypto';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import {
  CalendarFeedStore,
  StoredCalendarFeed,
} from '../database/DatabaseCalendarFeedStore';
import { ReleaseStore } from '../database/ReleaseStore';
import { feedTokenMatches, newFeedToken } from '../ical/feedTokens';
import { buildAtom } from './buildAtom';
import { withoutInternalRefs } from './composeNotes';
import { ReleaseNotesService } from './ReleaseNotesService';
import { notesToHtml } from './renderNotes';
import { UserCredentials } from '../credentials';

/** Most releases a notes feed lists, newest first. */
export const MAX_FEED_ENTRIES = 20;

const KIND = 'release-notes';
const lower = (value: string) => value.toLocaleLowerCase('en-US');

const toApi = (feed: StoredCalendarFeed): ReleaseNotesFeed => ({
  id: feed.id,
  system: feed.filters.system!,
  createdAt: feed.createdAt,
});

/**
 * Atom feeds of a System's released notes (business audience) for readers
 * outside the portal: personal secret URLs, stored and checked as the
 * calendar feeds are (same table, same tokens), revocable by their owner.
 */
export class NotesFeedService {
  constructor(
    private readonly options: {
      feeds: CalendarFeedStore;
      releases: Pick<ReleaseStore, 'listReleases'>;
      catalog: Pick<CatalogModel, 'readable' | 'partsOf' | 'groupsOfUser'>;
      notes: Pick<ReleaseNotesService, 'published' | 'systemNames'>;
      auth: AuthService;
      discovery: DiscoveryService;
      now?: () => Date;
    },
  ) {}

  /** Creates a feed of a System the caller can see; the only time its token is returned. */
  async createFeed(
    system: string,
    credentials: UserCredentials,
  ): Promise<ReleaseNotesFeed> {
    const readable = await this.options.catalog.readable([system], credentials);
    if (readable.get(system) !== 'system') {
      throw new InputError(`system: ${system} is not a System in the catalog`);
    }
    const { token, tokenHash } = newFeedToken();
    const feed = await this.options.feeds.createFeed(
      {
        id: randomUUID(),
        tokenHash,
        userRef: lower(credentials.principal.userEntityRef),
        filters: { system },
        createdAt: (this.options.now?.() ?? new Date()).toISOString(),
      },
      KIND,
    );
    const base = await this.options.discovery.getExternalBaseUrl(
      'release-coordination',
    );
    const url = `${base}/notes-feeds/${feed.id}/atom.xml?token=${token}`;
    return { ...toApi(feed), token, url };
  }

  /** The caller's notes feeds, without tokens. */
  async listFeeds(credentials: UserCredentials): Promise<ReleaseNotesFeed[]> {
    const userRef = lower(credentials.principal.userEntityRef);
    return (await this.options.feeds.listFeeds(userRef, KIND)).map(toApi);
  }

  /** Revokes a notes feed of the caller; 404 for anyone else's. */
  async deleteFeed(id: string, credentials: UserCredentials): Promise<void> {
    const userRef = lower(credentials.principal.userEntityRef);
    if (!(await this.options.feeds.deleteFeed(id, userRef, KIND))) {
      throw new NotFoundError(`Notes feed ${id} not found`);
    }
  }

  /**
   * The Atom feed, if the token matches: the business notes of the System's
   * (and its parts') released and verified releases, newest first. 404 for
   * a wrong token, a revoked feed or a user no longer in the catalog alike.
   */
  async feedAtom(id: string, token: string): Promise<string> {
    const { feeds, catalog, releases, notes, auth } = this.options;
    const feed = await feeds.getFeed(id, KIND);
    if (
      !feed ||
      !feedTokenMatches(feed, token) ||
      !(await catalog.groupsOfUser(feed.userRef))
    ) {
      throw new NotFoundError('Notes feed not found');
    }
    const system = feed.filters.system!;
    const credentials = await auth.getOwnServiceCredentials();
    const parts = await catalog.partsOf([system], credentials);
    const { items } = await releases.listReleases({
      entityRefGroups: [[system, ...parts]],
      states: ['released', 'verified'],
      order: 'desc',
      limit: MAX_FEED_ENTRIES,
    });
    const entries = [];
    for (const release of items) {
      const markdown = await notes.published(release, 'business', credentials);
      entries.push({
        id: `urn:uuid:${release.id}`,
        title: withoutInternalRefs(
          `${release.title} ${release.version}`,
          new Map(),
        ),
        updated: release.updatedAt,
        contentHtml: notesToHtml(markdown),
      });
    }
    const [{ name }] = await notes.systemNames([system]);
    return buildAtom({
      id: `urn:uuid:${feed.id}`,
      title: `Release notes: ${name}`,
      updated: entries[0]?.updated ?? feed.createdAt,
      entries,
    });
  }
}
