import { Freeze, Page } from '@internal/plugin-release-coordination-common';
import { RevisionedUpdate } from './rows';

/**
 * The fields of a freeze that may change after it was created.
 *
 * @public
 */
export type FreezeFields = Pick<
  Freeze,
  | 'title'
  | 'description'
  | 'scope'
  | 'start'
  | 'end'
  | 'recurrence'
  | 'exemptTypes'
  | 'endedAt'
  | 'endReason'
>;

/**
 * A compare-and-set change of a freeze's fields (see
 * {@link FreezeStore.updateFreeze}).
 *
 * @public
 */
export type FreezeUpdate = RevisionedUpdate<
  Partial<Omit<FreezeFields, 'recurrence'>> & {
    recurrence?: Freeze['recurrence'] | null;
  }
>;

/**
 * Persistence of freezes (blackout periods).
 *
 * @public
 */
export interface FreezeStore {
  createFreeze(freeze: Freeze): Promise<Freeze>;

  getFreeze(id: string): Promise<Freeze | undefined>;

  /** Lists freezes by start, then id; throws `InputError` for a bad cursor. */
  listFreezes(options: {
    limit: number;
    cursor?: string;
  }): Promise<Page<Freeze>>;

  /**
   * Every freeze that may have an occurrence overlapping [from, to]: a superset
   * that callers narrow by expanding the occurrences.
   */
  listFreezesInRange(options: { from: string; to: string }): Promise<Freeze[]>;

  /**
   * Changes fields of a freeze if it still is at `revision` (compare-and-set)
   * and increments the revision. `recurrence: undefined` in `fields` means
   * unchanged; `null` removes the recurrence. Throws `NotFoundError` if absent
   * and `ConflictError` if the revision is stale.
   */
  updateFreeze(options: FreezeUpdate): Promise<Freeze>;

  /** Deletes a freeze; false if there was none. */
  deleteFreeze(id: string): Promise<boolean>;

  /** Whether no freeze has been stored yet. */
  isEmpty(): Promise<boolean>;
}
