import type { Conflict } from './conflicts';

/**
 * The kinds of release, from pre-approved routine changes to emergencies.
 *
 * @public
 */
export const RELEASE_TYPES = [
  'standard',
  'normal',
  'emergency',
  'hotfix',
  'security',
  'out-of-band',
] as const;

/** @public */
export type ReleaseType = (typeof RELEASE_TYPES)[number];

/**
 * Every state a release plan can be in.
 *
 * @public
 */
export const RELEASE_STATES = [
  'draft',
  'planned',
  'approved',
  'in_progress',
  'released',
  'verified',
  'rolling_back',
  'rolled_back',
  'cancelled',
] as const;

/** @public */
export type ReleaseState = (typeof RELEASE_STATES)[number];

/**
 * The kinds of item in a release's change inventory.
 *
 * @public
 */
export const CHANGE_KINDS = [
  'feature',
  'fix',
  'breaking',
  'security',
  'config',
  'migration',
  'dependency',
] as const;

/** @public */
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * One item of a release's change inventory.
 *
 * @public
 */
export interface ReleaseChange {
  kind: ChangeKind;
  title: string;
  link?: string;
  /** The entity the change applies to, when it is one of several. */
  entityRef?: string;
}

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
 * The time window in which a release is planned, as ISO 8601 UTC timestamps.
 *
 * @public
 */
export interface ReleaseWindow {
  start: string;
  end: string;
}

/**
 * An explicit override of the freezes that apply to a release, with the
 * written reason, who set it and when.
 *
 * @public
 */
export interface FreezeOverride {
  reason: string;
  /** Entity ref of the user who set it. */
  by: string;
  at: string;
}

/**
 * A release plan: a change to one or more catalog entities in a time window.
 *
 * @public
 */
export interface Release {
  id: string;
  title: string;
  version: string;
  type: ReleaseType;
  state: ReleaseState;
  window: ReleaseWindow;
  /** The catalog entities the release changes, as full entity refs. */
  entityRefs: string[];
  /** The group that owns the release. */
  ownerRef: string;
  /** Markdown. */
  description: string;
  /** How to undo the release, in Markdown; absent when none was written. */
  rollbackPlan?: string;
  changes: ReleaseChange[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Incremented on every change; sent back on updates for optimistic concurrency. */
  revision: number;
  /** Ids of the releases this one must follow (start after they end); absent when none. */
  after?: string[];
  /** Set when the owners chose to release despite applicable freezes. */
  freezeOverride?: FreezeOverride;
  /** The group the owners offered the release to; it owns it once a member accepts. */
  pendingOwnerRef?: string;
  /**
   * When another group accepted the release; from then on its creator no
   * longer has a creator's rights (seeing it as a draft, withdrawing it).
   */
  handedOverAt?: string;
  /** The type the release had when it was planned; its approval rule still counts. */
  plannedType?: ReleaseType;
  /** The declared standard change (`releaseCoordination.standardChanges`) a `standard` release follows. */
  standardChangeId?: string;
  /** The release's own conflicts, as computed when the API returned it. */
  conflicts?: Conflict[];
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
 * What a release event records.
 *
 * @public
 */
export type ReleaseEventAction =
  | 'created'
  | 'updated'
  | 'transitioned'
  | 'freeze-overridden'
  | 'freeze-override-cleared'
  | 'risk-overridden'
  | 'risk-override-cleared'
  | 'approvals-reset'
  | 'handover-offered'
  | 'handover-accepted'
  | 'handover-cancelled';

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
