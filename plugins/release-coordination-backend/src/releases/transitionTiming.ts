import { ConflictError } from '@backstage/errors';
import { Release } from '@internal/plugin-release-coordination-common';
import type { ReleaseTransitionInput } from './ReleaseService';

/**
 * A release starts near its window (from `startLeadMs` before it until it
 * ends) unless overridden, and is released or verified only once its window
 * started; throws `ConflictError` otherwise.
 */
export function checkTransitionTiming(
  release: Release,
  input: ReleaseTransitionInput,
  now: number,
  startLeadMs: number,
) {
  const start = Date.parse(release.window.start);
  const end = Date.parse(release.window.end);
  if (input.to === 'in_progress' && !input.override) {
    const lead = Math.round(startLeadMs / 60_000);
    if (now < start - startLeadMs) {
      throw new ConflictError(
        `Release ${release.id} cannot start before ${new Date(
          start - startLeadMs,
        ).toISOString()} (${lead} minutes before its window); move its window or start it with an override and a reason`,
      );
    }
    if (now > end) {
      throw new ConflictError(
        `Release ${release.id} cannot start after its window ended at ${release.window.end}; move its window or start it with an override and a reason`,
      );
    }
  }
  if ((input.to === 'released' || input.to === 'verified') && now < start) {
    throw new ConflictError(
      `Release ${release.id} cannot be ${input.to} before its window starts at ${release.window.start}`,
    );
  }
}
