import {
  FreezeOverride,
  Release,
  ReleaseChange,
  ReleaseWindow,
  releaseTypeValues,
  releaseStateValues,
  releaseChangeKindValues,
  ReleaseEventAction,
} from './generated/openapi';

export type {
  ReleaseEventAction,
  FreezeOverride,
  Release,
  ReleaseChange,
  ReleaseWindow,
};

/**
 * The kinds of release, from pre-approved routine changes to emergencies.
 *
 * @public
 */
export const RELEASE_TYPES = releaseTypeValues;

/** @public */
export type ReleaseType = (typeof RELEASE_TYPES)[number];

/**
 * Every state a release plan can be in.
 *
 * @public
 */
export const RELEASE_STATES = releaseStateValues;

/** @public */
export type ReleaseState = (typeof RELEASE_STATES)[number];

/**
 * The kinds of item in a release's change inventory.
 *
 * @public
 */
export const CHANGE_KINDS = releaseChangeKindValues;

/** @public */
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * A declared standard (pre-approved) change: which entities it may touch and
 * which kinds of change it may list. A `standard` release must follow one,
 * and its computed risk must stay low.
 *
 * @public
 */
export interface StandardChange {
  id: string;
  title: string;
  /** The entities the change may touch, as full lower-case entity refs. */
  entityRefs: string[];
  /** The kinds of change it may list. */
  changeKinds: ChangeKind[];
}

/**
 * One field's value before and after a change.
 *
 * @public
 */
export interface ReleaseFieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * An entry of a release's append-only history.
 *
 * @public
 */
export interface ReleaseEvent {
  id: string;
  releaseId: string;
  action: ReleaseEventAction;
  /** Entity ref of the user who acted. */
  actorRef: string;
  createdAt: string;
  changes: ReleaseFieldChange[];
  reason?: string;
}

/**
 * A page of results with an opaque cursor to the next page.
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
