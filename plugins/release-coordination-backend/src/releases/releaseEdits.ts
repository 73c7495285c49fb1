import { ConflictError } from '@backstage/errors';
import {
  Release,
  UpdateReleaseInput,
} from '@internal/plugin-release-coordination-common';
import { ReleaseFields } from '../database/ReleaseStore';

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
export function replansApproved(current: Release, changed: Set<string>) {
  return (
    current.state === 'approved' &&
    PLAN_FIELDS.some(field => changed.has(field))
  );
}
