import { ConflictError } from '@backstage/errors';
import {
  Release,
  ReleaseFieldChange,
  UpdateReleaseInput,
} from '@internal/plugin-release-coordination-common';
import { NewReleaseEvent, ReleaseFields } from '../database/ReleaseStore';

/**
 * The plan of a release: a change to these fields after approval sends it back
 * to `planned`, and starts a new approval round.
 */
export const PLAN_FIELDS = [
  'window',
  'entityRefs',
  'changes',
  'type',
  'standardChangeId',
] as const;

/** Fields that cannot change once a release is in progress. */
const FIXED_IN_PROGRESS = ['entityRefs', 'type', 'standardChangeId'] as const;

/**
 * The fields an edit asks for, as stored: entity refs sorted, and a release
 * that stops being standard no longer follows a standard change.
 */
export function requestedFields(
  current: Release,
  requested: Omit<UpdateReleaseInput, 'revision'>,
): Partial<ReleaseFields> {
  return {
    ...requested,
    ...(requested.entityRefs && {
      entityRefs: [...requested.entityRefs].sort(),
    }),
    ...(requested.type &&
      requested.type !== 'standard' &&
      current.standardChangeId &&
      !requested.standardChangeId && { standardChangeId: null }),
  };
}

/** A release in progress keeps its entities and type: `ConflictError` if the edit changes them. */
export function checkFixedInProgress(current: Release, changed: Set<string>) {
  const fixed = FIXED_IN_PROGRESS.filter(field => changed.has(field));
  if (current.state === 'in_progress' && fixed.length > 0) {
    throw new ConflictError(
      `${fixed.join(
        ', ',
      )}: cannot change while the release is in progress; cancel it and plan a new one`,
    );
  }
}

/** Whether the edit changes the plan of an approved release, which sends it back to `planned`. */
function replansApproved(current: Release, changed: Set<string>) {
  return (
    current.state === 'approved' &&
    PLAN_FIELDS.some(field => changed.has(field))
  );
}

/**
 * The history event of an edit, once its consequences are added to `fields`
 * and `changes`: an approved release whose plan changes goes back to
 * `planned`, and a new owner withdraws a pending hand-over offer.
 */
export function editEvent(
  current: Release,
  fields: Partial<ReleaseFields>,
  changes: ReleaseFieldChange[],
  actor: { actorRef: string; createdAt: string },
): NewReleaseEvent {
  const changed = new Set(changes.map(c => c.field));
  const replanned = replansApproved(current, changed);
  if (replanned) {
    fields.state = 'planned';
    changes.push({ field: 'state', before: current.state, after: 'planned' });
  }
  if (changed.has('ownerRef') && current.pendingOwnerRef) {
    fields.pendingOwnerRef = null;
  }
  return {
    action: 'updated',
    ...actor,
    changes,
    ...(replanned && {
      reason:
        'The plan of an approved release changed: back to planned for a new approval round',
    }),
  };
}
