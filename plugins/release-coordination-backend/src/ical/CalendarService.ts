import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  CalendarFeed,
  CalendarFilters,
  Freeze,
  Release,
} from '@internal/plugin-release-coordination-common';
import { randomUUID } from 'node:crypto';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import {
  CalendarFeedStore,
  StoredCalendarFeed,
} from '../database/DatabaseCalendarFeedStore';
import { FreezeStore } from '../database/FreezeStore';
import { ReleaseStore } from '../database/ReleaseStore';
import { FreezeEvaluator, scopeCovers } from '../freezes/FreezeEvaluator';
import { buildCalendar } from './buildCalendar';
import { feedTokenMatches, newFeedToken } from './feedTokens';
import { UserCredentials } from '../credentials';
import { DAY_MS } from '../time';

/** The feed shows releases and freezes from this many days ago… */
export const CALENDAR_PAST_DAYS = 90;
/** …to this many days ahead. */
export const CALENDAR_FUTURE_DAYS = 365;
/** Most releases one calendar lists, a guard against huge feeds. */
export const MAX_CALENDAR_RELEASES = 5000;

/** Who looks at a calendar: drafts show only to members of their owner. */
interface Viewer {
  /** The user and the groups they are a member of (lower case). */
  ownershipRefs: string[];
}

const lower = (value: string) => value.toLocaleLowerCase('en-US');

/**
 * The iCalendar feed of releases and freezes, and personal feed URLs that
 * calendar apps can subscribe to without a Backstage token.
 *
 * @public
 */
export class CalendarService {
  private readonly releases: ReleaseStore;
  private readonly freezes: FreezeStore;
  private readonly feeds: CalendarFeedStore;
  private readonly catalog: CatalogModel;
  private readonly auth: AuthService;
  private readonly discovery: DiscoveryService;
  private readonly appBaseUrl: string;
  private readonly evaluator: FreezeEvaluator;
  private readonly now: () => Date;

  constructor(options: {
    releases: ReleaseStore;
    freezes: FreezeStore;
    feeds: CalendarFeedStore;
    catalog: CatalogModel;
    auth: AuthService;
    discovery: DiscoveryService;
    /** `app.baseUrl`, for links to release pages. */
    appBaseUrl: string;
    now?: () => Date;
  }) {
    this.releases = options.releases;
    this.freezes = options.freezes;
    this.feeds = options.feeds;
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.discovery = options.discovery;
    this.appBaseUrl = options.appBaseUrl.replace(/\/+$/, '');
    this.evaluator = new FreezeEvaluator(options.catalog);
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The calendar as a user sees it: catalog lookups with their credentials,
   * drafts only of groups they are a member of (`ownershipEntityRefs`).
   */
  async calendarFor(
    filters: CalendarFilters,
    credentials: BackstageCredentials,
    ownershipEntityRefs: string[],
  ): Promise<string> {
    return this.render(filters, credentials, {
      ownershipRefs: ownershipEntityRefs.map(lower),
    });
  }

  /** Creates a personal feed; the only time its token is returned. */
  async createFeed(
    filters: CalendarFilters,
    credentials: UserCredentials,
  ): Promise<CalendarFeed> {
    const { token, tokenHash } = newFeedToken();
    const feed = await this.feeds.createFeed({
      id: randomUUID(),
      tokenHash,
      userRef: lower(credentials.principal.userEntityRef),
      filters,
      createdAt: this.now().toISOString(),
    });
    return { ...toApi(feed), token, url: await this.feedUrl(feed.id, token) };
  }

  /** A user's feeds, without tokens. */
  async listFeeds(credentials: UserCredentials): Promise<CalendarFeed[]> {
    const feeds = await this.feeds.listFeeds(
      lower(credentials.principal.userEntityRef),
    );
    return feeds.map(toApi);
  }

  /** Revokes a feed of the caller; 404 for anyone else's. */
  async deleteFeed(id: string, credentials: UserCredentials): Promise<void> {
    const userRef = lower(credentials.principal.userEntityRef);
    if (!(await this.feeds.deleteFeed(id, userRef))) {
      throw new NotFoundError(`Calendar feed ${id} not found`);
    }
  }

  /**
   * The calendar of a personal feed, if the token matches (compared in
   * constant time); 404 for a missing feed or a wrong token alike, and for a
   * feed whose user is no longer in the catalog. Drafts show only if the
   * user is a member of the release's owner (`memberOf`, read with the
   * plugin's own credentials).
   */
  async feedCalendar(id: string, token: string): Promise<string> {
    const feed = await this.feeds.getFeed(id);
    if (!feed || !feedTokenMatches(feed, token)) {
      throw new NotFoundError('Calendar feed not found');
    }
    const groups = await this.catalog.groupsOfUser(feed.userRef);
    if (!groups) {
      throw new NotFoundError('Calendar feed not found');
    }
    const credentials = await this.auth.getOwnServiceCredentials();
    return this.render(feed.filters, credentials, {
      ownershipRefs: [feed.userRef, ...groups],
    });
  }

  private async render(
    filters: CalendarFilters,
    credentials: BackstageCredentials,
    viewer: Viewer,
  ): Promise<string> {
    const now = this.now().getTime();
    const range = {
      from: new Date(now - CALENDAR_PAST_DAYS * DAY_MS).toISOString(),
      to: new Date(now + CALENDAR_FUTURE_DAYS * DAY_MS).toISOString(),
    };
    const [releases, freezes] = await Promise.all([
      this.listReleases(filters, range, credentials),
      this.listFreezes(filters, range, credentials),
    ]);
    const visible = releases.filter(
      release =>
        release.state !== 'draft' ||
        viewer.ownershipRefs.includes(release.ownerRef),
    );
    return buildCalendar({
      name: 'Releases',
      releases: visible,
      freezes,
      releaseUrl: id =>
        `${this.appBaseUrl}/release-coordination/releases/${encodeURIComponent(
          id,
        )}`,
    });
  }

  private async listReleases(
    filters: CalendarFilters,
    range: { from: string; to: string },
    credentials: BackstageCredentials,
  ): Promise<Release[]> {
    const entityRefGroups: string[][] = [];
    if (filters.entityRef) entityRefGroups.push([filters.entityRef]);
    if (filters.system) {
      const parts = await this.catalog.partsOf([filters.system], credentials);
      entityRefGroups.push([filters.system, ...parts]);
    }
    const items: Release[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.releases.listReleases({
        entityRefGroups,
        ownerRef: filters.owner,
        from: range.from,
        to: range.to,
        order: 'asc',
        limit: 500,
        cursor,
      });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && items.length < MAX_CALENDAR_RELEASES);
    return items.slice(0, MAX_CALENDAR_RELEASES);
  }

  /** Freezes of the range; with filters, those covering the entity, system or owner. */
  private async listFreezes(
    filters: CalendarFilters,
    range: { from: string; to: string },
    credentials: BackstageCredentials,
  ): Promise<Freeze[]> {
    const freezes = await this.freezes.listFreezesInRange(range);
    const refs = [filters.entityRef, filters.system, filters.owner].filter(
      (ref): ref is string => Boolean(ref),
    );
    if (refs.length === 0 || freezes.length === 0) return freezes;
    const placements = [
      ...(await this.evaluator.place(refs, credentials)).values(),
    ];
    return freezes.filter(freeze =>
      placements.some(placement => scopeCovers(freeze.scope, placement)),
    );
  }

  private async feedUrl(id: string, token: string): Promise<string> {
    const base = await this.discovery.getExternalBaseUrl(
      'release-coordination',
    );
    return `${base}/calendar-feeds/${id}/calendar.ics?token=${token}`;
  }
}

function toApi(feed: StoredCalendarFeed): CalendarFeed {
  return { id: feed.id, filters: feed.filters, createdAt: feed.createdAt };
}
