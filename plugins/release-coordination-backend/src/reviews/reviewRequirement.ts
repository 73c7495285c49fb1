import {
  IssueSeverity,
  Release,
  ReleaseEvent,
  REVIEWABLE_STATES,
  ReviewRequirementReason,
  ReviewSettings,
} from '@internal/plugin-release-coordination-common';
import { ReviewRequirement } from './DatabaseReviewStore';

/** The states whose entry counts as the release finishing. */
const FINISHING_STATES = ['released', 'rolling_back', 'rolled_back'];

/** When each state was entered, from the history, oldest first. */
export function stateEntries(events: ReleaseEvent[]) {
  return events.flatMap(event =>
    event.changes
      .filter(change => change.field === 'state')
      .map(change => ({
        state: change.after as Release['state'],
        at: event.createdAt,
        by: event.actorRef,
      })),
  );
}

/**
 * Whether a release that went live needs a review, why, and when it
 * finished (its last move to released, rolling back or rolled back; the
 * due date counts from there). Undefined for a release that did not go live.
 */
export function reviewRequirement(
  release: Release,
  events: ReleaseEvent[],
  issueSeverities: IssueSeverity[],
  settings: ReviewSettings,
): ReviewRequirement | undefined {
  if (!REVIEWABLE_STATES.includes(release.state)) return undefined;
  const reasons: ReviewRequirementReason[] = [];
  if (
    settings.requiredWhenRolledBack &&
    (release.state === 'rolling_back' || release.state === 'rolled_back')
  ) {
    reasons.push('rolled-back');
  }
  if (settings.requiredTypes.includes(release.type)) {
    reasons.push('release-type');
  }
  if (issueSeverities.some(s => settings.requiredSeverities.includes(s))) {
    reasons.push('severe-issue');
  }
  const finishes = stateEntries(events).filter(entry =>
    FINISHING_STATES.includes(entry.state),
  );
  return {
    releaseId: release.id,
    required: reasons.length > 0,
    requiredBecause: reasons,
    finishedAt: finishes[finishes.length - 1]?.at ?? release.updatedAt,
  };
}

/** Until when a required review is to be completed. */
export function reviewDueAt(finishedAt: string, settings: ReviewSettings) {
  return new Date(
    Date.parse(finishedAt) + settings.dueDays * 24 * 60 * 60 * 1000,
  ).toISOString();
}
