import {
  FreezeOverride,
  Page,
  Release,
  ReleaseEvent,
  ReleaseState,
  ReleaseType,
} from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';

/**
 * The fields of a release that may change after it was created.
 *
 * @public
 */
export type ReleaseFields = Pick<
  Release,
  | 'title'
  | 'version'
  | 'type'
  | 'state'
  | 'window'
  | 'entityRefs'
  | 'ownerRef'
  | 'description'
  | 'rollbackPlan'
  | 'changes'
  | 'after'
  | 'handedOverAt'
  | 'plannedType'
> & {
  /** `null` clears it (a release that is no longer `standard`). */
  standardChangeId?: string | null;
  /** `null` clears the override. */
  freezeOverride?: FreezeOverride | null;
  /** `null` clears the offer. */
  pendingOwnerRef?: string | null;
};

/**
 * An event to append to a release's history; the store assigns id and release id.
 *
 * @public
 */
export type NewReleaseEvent = Omit<ReleaseEvent, 'id' | 'releaseId'>;

/**
 * A write to another table that must commit or roll back together with a
 * change to a release: it runs inside the release's transaction `tx`.
 *
 * @public
 */
export type WriteAlongside = (tx: Knex.Transaction) => Promise<void>;

/**
 * Which releases to list. All given filters must match.
 *
 * @public
 */
export interface ReleaseListOptions {
  /** Each group matches releases touching any of its refs; all groups must match. */
  entityRefGroups?: string[][];
  ownerRef?: string;
  /**
   * When given, drafts only for a viewer with these refs (user and groups):
   * owned by or offered to them, or created by them and not handed over;
   * other states are unaffected.
   */
  draftOwnerRefs?: string[];
  /** Releases whose window ends at or after this ISO timestamp. */
  from?: string;
  /** Releases whose window starts at or before this ISO timestamp. */
  to?: string;
  states?: ReleaseState[];
  types?: ReleaseType[];
  order: 'asc' | 'desc';
  limit: number;
  /** Opaque cursor returned as `nextCursor` by the previous page. */
  cursor?: string;
}

/**
 * A release as conflict detection reads the others it pairs with.
 *
 * @public
 */
export type ConflictCandidate = Pick<
  Release,
  'id' | 'title' | 'type' | 'state' | 'window' | 'entityRefs' | 'ownerRef'
>;

/**
 * What deciding who may see a release needs of it.
 *
 * @public
 */
export type ViewerFacts = Pick<
  Release,
  'id' | 'state' | 'ownerRef' | 'pendingOwnerRef' | 'createdBy' | 'handedOverAt'
>;

/**
 * Persistence of release plans and their history.
 *
 * @public
 */
export interface ReleaseStore {
  /** Stores a new release with the first entries of its history. */
  createRelease(release: Release, events: NewReleaseEvent[]): Promise<Release>;

  getRelease(id: string): Promise<Release | undefined>;

  /** Lists releases by window start, then id; throws `InputError` for a bad cursor. */
  listReleases(options: ReleaseListOptions): Promise<Page<Release>>;

  /**
   * Changes fields of a release if it still is at `revision` (compare-and-set),
   * increments the revision and appends the event, all in one transaction
   * (with `alongside`, if given). Throws `NotFoundError` if absent and
   * `ConflictError` if the revision is stale.
   */
  updateRelease(options: {
    id: string;
    revision: number;
    fields: Partial<ReleaseFields>;
    event: NewReleaseEvent;
    alongside?: WriteAlongside;
  }): Promise<Release>;

  /**
   * Runs `write` in a transaction in which the release is still at `revision`
   * (its row locked until commit) without changing it. Throws `NotFoundError`
   * if absent and `ConflictError` if the revision is stale.
   */
  writeAtRevision(
    id: string,
    revision: number,
    write: WriteAlongside,
  ): Promise<void>;

  /** The history of a release, oldest first. */
  listEvents(releaseId: string): Promise<ReleaseEvent[]>;

  /** Whether no release has been stored yet. */
  isEmpty(): Promise<boolean>;

  /**
   * Every active release (draft, planned, approved, in progress) whose window
   * overlaps [from, to], optionally only those touching some entities;
   * unpaged, for conflict detection and scheduling.
   */
  listActiveReleases(options: {
    from: string;
    to: string;
    entityRefs?: string[];
    /**
     * When given, drafts only for a viewer with these refs (user and groups):
     * owned by or offered to them, or created by them and not handed over;
     * other states are unaffected.
     */
    draftOwnerRefs?: string[];
  }): Promise<Release[]>;

  /**
   * The active releases whose window overlaps [from, to], with only what
   * conflict detection needs of the releases it pairs with the ones asked
   * about: no texts, no ordering (`after`) and no freeze override.
   */
  listActiveCandidates(options: {
    from: string;
    to: string;
    /** When given, only the releases of these owners. */
    ownerRefs?: string[];
    /**
     * When given, drafts only for a viewer with these refs (user and groups):
     * owned by or offered to them, or created by them and not handed over;
     * other states are unaffected.
     */
    draftOwnerRefs?: string[];
  }): Promise<ConflictCandidate[]>;

  /** The releases with these ids; unknown ids are left out. */
  getReleases(ids: string[]): Promise<Release[]>;

  /**
   * What deciding who may see them needs of the releases with these ids
   * (see `DraftVisibility`), without the rest; unknown ids are left out.
   */
  getViewerFacts(ids: string[]): Promise<ViewerFacts[]>;

  /** The active releases that declare they follow any of these releases. */
  listActiveFollowers(ids: string[]): Promise<Release[]>;
}
