import { ConflictError } from '@backstage/errors';
import {
  Release,
  transitionTimingRefusal,
} from '@internal/plugin-release-coordination-common';
import type { ReleaseTransitionInput } from './ReleaseService';

/**
 * A release starts near its window (from `startLeadMs` before it until it
 * ends) unless overridden, and is released or verified only once its window
 * started ({@link transitionTimingRefusal}); throws `ConflictError` otherwise.
 */
export function checkTransitionTiming(
  release: Release,
  input: ReleaseTransitionInput,
  now: number,
  startLeadMs: number,
) {
  const refusal = transitionTimingRefusal(release, input, now, startLeadMs);
  if (refusal?.kind === 'start-too-early') {
    throw new ConflictError(
      `Release "${release.title}" cannot start before ${new Date(
        refusal.earliest,
      ).toISOString()} (${
        refusal.leadMinutes
      } minutes before its window); move its window or start it with an override and a reason`,
    );
  }
  if (refusal?.kind === 'window-ended') {
    throw new ConflictError(
      `Release "${release.title}" cannot start after its window ended at ${release.window.end}; move its window or start it with an override and a reason`,
    );
  }
  if (refusal?.kind === 'before-window') {
    throw new ConflictError(
      `Release "${release.title}" cannot be ${refusal.to} before its window starts at ${release.window.start}`,
    );
  }
}
