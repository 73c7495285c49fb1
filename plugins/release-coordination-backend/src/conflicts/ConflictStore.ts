import { Conflict } from '@internal/plugin-release-coordination-common';

/**
 * Whose view a stored conflict belongs to: `all` is what a detection pass
 * over every active release finds; `committed` holds the owner-overload
 * conflicts a pass without drafts finds, shown to viewers who may not see
 * an owner's drafts.
 *
 * @public
 */
export type ConflictAudience = 'all' | 'committed';

/**
 * A conflict as the conflicts table keeps it.
 *
 * @public
 */
export interface StoredConflict {
  conflict: Conflict;
  audience: ConflictAudience;
  /** The owner of an owner-overload conflict. */
  ownerRef?: string;
  /** Those of `conflict.releaseIds` that are drafts. */
  draftIds: string[];
  /** The window of each release of the conflict, in `releaseIds` order. */
  windows: { start: string; end: string }[];
}

/**
 * A stored conflict as listings read it: its JSON text as stored, with what
 * choosing and ordering conflicts needs beside it.
 *
 * @public
 */
export interface ListedConflict {
  id: string;
  kind: Conflict['kind'];
  audience: ConflictAudience;
  draftIds: string[];
  /** The conflict's JSON text, to answer with as it is. */
  json: string;
}

/**
 * The conflicts table: conflicts between active releases kept up to date on
 * write (see `ConflictTable`), read by window.
 *
 * @public
 */
export interface ConflictStore {
  /**
   * Makes the refreshes of the table take turns until the end of the
   * current transaction (PostgreSQL; SQLite has one writer anyway), so that
   * each reads what the ones before it committed.
   */
  lockForRefresh(): Promise<void>;

  /**
   * Replaces the `all` conflicts of these kinds that involve any of the
   * releases with `conflicts`.
   */
  replaceInvolving(
    releaseIds: string[],
    kinds: Conflict['kind'][],
    conflicts: StoredConflict[],
  ): Promise<void>;

  /** Replaces the owner-overload conflicts of these owners, both audiences. */
  replaceOverloads(
    ownerRefs: string[],
    conflicts: StoredConflict[],
  ): Promise<void>;

  /**
   * The ids of the conflicts with a release whose window overlaps [from, to],
   * each once, in ascending order, after `after` and at most `limit` of
   * them: from the members' window index alone.
   */
  idsInRange(
    range: { from: string; to: string },
    page: { after?: string; limit: number },
  ): Promise<string[]>;

  /** The conflicts with these ids, in either audience. */
  listByIds(ids: string[]): Promise<ListedConflict[]>;

  /** The conflicts of any of the releases. */
  listInvolving(releaseIds: string[]): Promise<ListedConflict[]>;

  /** Every stored conflict. */
  listAll(): Promise<StoredConflict[]>;

  /** Removes the conflicts with these ids in an audience. */
  remove(audience: ConflictAudience, ids: string[]): Promise<void>;

  /** Adds conflicts (none of them stored yet). */
  insert(conflicts: StoredConflict[]): Promise<void>;
}
