import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  CreateReleaseRequest,
  FreezeOccurrence,
  Page,
  Release,
  ReleaseEvent,
  ReleaseState,
  ReleaseType,
  TransitionReleaseRequest,
  UpdateReleaseRequest,
} from '@internal/plugin-release-coordination-common';

/**
 * Filters and paging of a release listing. Every field is optional; several
 * `entityRef`, `state` or `type` values match any of them.
 *
 * @public
 */
export interface ListReleasesRequest {
  /** Releases changing any of these entities. */
  entityRef?: string[];
  /** Releases changing an entity that is part of this system. */
  system?: string;
  /** Releases changing an entity that is part of this domain. */
  domain?: string;
  /** Releases owned by this group. */
  owner?: string;
  /** Only windows ending at or after this ISO timestamp. */
  from?: string;
  /** Only windows starting at or before this ISO timestamp. */
  to?: string;
  state?: ReleaseState[];
  type?: ReleaseType[];
  /** `asc` from the earliest window start, `desc` from the latest. */
  order?: 'asc' | 'desc';
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/**
 * The range and entities of a freeze occurrence listing.
 *
 * @public
 */
export interface ListFreezeOccurrencesRequest {
  /** Start of the range (ISO timestamp). */
  from: string;
  /** End of the range (ISO timestamp); at most 366 days after `from`. */
  to: string;
  /**
   * Only occurrences of freezes applying to any of these entities (systems,
   * domains and groups included); all occurrences when empty.
   */
  entityRef?: string[];
}

/**
 * Client of the release-coordination backend.
 *
 * @public
 */
export interface ReleaseCoordinationApi {
  /** Lists releases matching the filters, one page at a time. */
  listReleases(request?: ListReleasesRequest): Promise<Page<Release>>;
  /** Gets one release; rejects with a 404 `ResponseError` when it does not exist. */
  getRelease(id: string): Promise<Release>;
  /** Creates a release in state `draft`. */
  createRelease(request: CreateReleaseRequest): Promise<Release>;
  /** Changes fields of a release; rejects with 409 when `revision` is stale. */
  updateRelease(id: string, request: UpdateReleaseRequest): Promise<Release>;
  /** Moves a release to another lifecycle state. */
  transitionRelease(
    id: string,
    request: TransitionReleaseRequest,
  ): Promise<Release>;
  /** The history of a release, oldest first. */
  listReleaseEvents(id: string): Promise<ReleaseEvent[]>;
  /**
   * The occurrences of freezes (blackout periods) overlapping a range, recurring
   * freezes expanded. Rejects with a 404 `ResponseError` on backends without freezes.
   */
  listFreezeOccurrences(
    request: ListFreezeOccurrencesRequest,
  ): Promise<FreezeOccurrence[]>;
}

/**
 * Reference to the {@link ReleaseCoordinationApi}.
 *
 * @public
 */
export const releaseCoordinationApiRef =
  createApiRef<ReleaseCoordinationApi>().with({
    id: 'plugin.release-coordination.client',
    pluginId: 'release-coordination',
  });
