import {
  ApprovalDecision,
  Release,
  ReleaseEvent,
  ReleaseIssue,
  ReleaseWindow,
  ReviewFacts,
  Rollback,
  SuccessCriterion,
} from '@internal/plugin-release-coordination-common';
import { stateEntries } from './reviewRequirement';

/** What the facts of a review are computed from. */
export interface ReviewFactSources {
  release: Release;
  events: ReleaseEvent[];
  decisions: ApprovalDecision[];
  issues: ReleaseIssue[];
  rollback?: Rollback;
  criteria: SuccessCriterion[];
  now: Date;
}

const minutesBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

const isWindow = (value: unknown): value is ReleaseWindow =>
  typeof (value as ReleaseWindow)?.start === 'string' &&
  typeof (value as ReleaseWindow)?.end === 'string';

/**
 * The facts a review starts from: the planned against the actual timeline
 * (when each state was entered, how late it started and went live, each
 * move of its window), how long approvals took, its issues with how long
 * each was open, its rollback steps and its success criteria's results.
 */
export function reviewFacts(sources: ReviewFactSources): ReviewFacts {
  const { release, events, now } = sources;
  const states = stateEntries(events);
  const first = (state: Release['state']) =>
    states.find(entry => entry.state === state)?.at;
  const startedAt = first('in_progress');
  const releasedAt = first('released');
  const requestedAt = first('planned');
  const approvedAt = first('approved');
  const windowMoves = events.flatMap(event =>
    event.changes
      .filter(
        c => c.field === 'window' && isWindow(c.before) && isWindow(c.after),
      )
      .map(c => ({
        at: event.createdAt,
        by: event.actorRef,
        from: c.before as ReleaseWindow,
        to: c.after as ReleaseWindow,
      })),
  );
  return {
    timeline: {
      window: release.window,
      states,
      ...(startedAt && {
        startedAt,
        startSlipMinutes: minutesBetween(release.window.start, startedAt),
      }),
      ...(releasedAt && {
        releasedAt,
        endSlipMinutes: minutesBetween(release.window.end, releasedAt),
      }),
      windowMoves,
    },
    approvals: {
      ...(requestedAt && { requestedAt }),
      ...(approvedAt && { approvedAt }),
      ...(requestedAt &&
        approvedAt && {
          leadTimeMinutes: minutesBetween(requestedAt, approvedAt),
        }),
      decisions: sources.decisions.map(d => ({
        groupRef: d.groupRef,
        decision: d.decision,
        by: d.by,
        at: d.at,
      })),
    },
    issues: sources.issues.map(issue => {
      const resolvedAt =
        issue.status === 'resolved' ? issue.statusSince : undefined;
      return {
        id: issue.id,
        title: issue.title,
        severity: issue.severity,
        status: issue.status,
        openedAt: issue.createdAt,
        ...(resolvedAt && { resolvedAt }),
        openMinutes: minutesBetween(
          issue.createdAt,
          resolvedAt ?? now.toISOString(),
        ),
      };
    }),
    ...(sources.rollback && {
      rollback: {
        reason: sources.rollback.decision.reason,
        emergency: sources.rollback.decision.emergency,
        decidedBy: sources.rollback.decision.decidedBy,
        decidedAt: sources.rollback.decision.decidedAt,
        ...(sources.rollback.completedAt && {
          completedAt: sources.rollback.completedAt,
        }),
        steps: sources.rollback.steps.map(step => ({
          title: step.title,
          ownerRef: step.ownerRef,
          status: step.status,
          ...(step.updatedAt && { updatedAt: step.updatedAt }),
        })),
      },
    }),
    criteria: sources.criteria.map(criterion => ({
      text: criterion.text,
      ownerRef: criterion.ownerRef,
      ...(criterion.outcome && {
        result: criterion.outcome.result,
        ...(criterion.outcome.observedValue && {
          observedValue: criterion.outcome.observedValue,
        }),
      }),
    })),
  };
}
