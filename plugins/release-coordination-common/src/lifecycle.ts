import { ReleaseState } from './types';

const TRANSITIONS: Record<ReleaseState, readonly ReleaseState[]> = {
  draft: ['planned', 'cancelled'],
  planned: ['approved', 'cancelled'],
  approved: ['in_progress', 'cancelled'],
  in_progress: ['released', 'cancelled'],
  // `rolling_back` is entered only by a rollback decision and left for
  // `rolled_back` once its steps are done; the direct `released → rolled_back`
  // stays as the one-step rollback of a release whose plan lists no steps
  released: ['verified', 'rolling_back', 'rolled_back'],
  rolling_back: ['rolled_back'],
  verified: [],
  rolled_back: [],
  cancelled: [],
};

/**
 * The states a release in `from` may move to next.
 *
 * @public
 */
export function nextReleaseStates(from: ReleaseState): readonly ReleaseState[] {
  return TRANSITIONS[from];
}

/**
 * Whether the lifecycle allows moving a release from one state to another.
 *
 * @public
 */
export function isTransitionAllowed(
  from: ReleaseState,
  to: ReleaseState,
): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * States in which a release is still to happen or happening (not finished or cancelled).
 *
 * @public
 */
export const ACTIVE_RELEASE_STATES: readonly ReleaseState[] = [
  'draft',
  'planned',
  'approved',
  'in_progress',
];
