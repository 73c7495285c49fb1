import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  CreateReleaseRequest,
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
