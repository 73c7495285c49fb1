import {
  Release,
  ReleaseApprovals,
  ReleaseReadiness,
  ReleaseState,
  TransitionTimingRefusal,
  transitionTimingRefusal,
} from '@internal/plugin-release-coordination-common';

/**
 * Something the backend would refuse a move for (409), known before the
 * click: approvals missing or rejected (to approved), checklist items not
 * done (to in progress), or the timing of the release's window.
 */
export type TransitionBlocker =
  | { kind: 'approvals-missing'; groupRefs: string[] }
  | { kind: 'rejected'; groupRefs: string[] }
  | { kind: 'not-ready'; items: string[] }
  | { kind: 'timing'; refusal: TransitionTimingRefusal };

/**
 * What blocks each move of the release, from its approvals and readiness
 * (as `GET /releases/:id/approvals` and `…/readiness` answer them; absent on
 * backends without them) and the lifecycle's timing rule.
 */
export function transitionBlockers(options: {
  release: Release;
  states: ReleaseState[];
  approvals?: ReleaseApprovals;
  readiness?: ReleaseReadiness;
  now: number;
  startLeadMinutes: number;
}): Partial<Record<ReleaseState, TransitionBlocker[]>> {
  const { release, approvals, readiness } = options;
  const blockers: Partial<Record<ReleaseState, TransitionBlocker[]>> = {};
  for (const to of options.states) {
    const found: TransitionBlocker[] = [];
    if (to === 'approved' && approvals && !approvals.complete) {
      const rejected = approvals.required
        .filter(r => r.status === 'rejected')
        .map(r => r.groupRef);
      if (rejected.length > 0)
        found.push({ kind: 'rejected', groupRefs: rejected });
      if (approvals.pending.length > 0) {
        found.push({ kind: 'approvals-missing', groupRefs: approvals.pending });
      }
    }
    if (to === 'in_progress' && readiness?.verdict === 'not-ready') {
      found.push({
        kind: 'not-ready',
        items: readiness.items.filter(i => !i.passed).map(i => i.label),
      });
    }
    const refusal = transitionTimingRefusal(
      release,
      { to },
      options.now,
      options.startLeadMinutes * 60_000,
    );
    if (refusal) found.push({ kind: 'timing', refusal });
    if (found.length > 0) blockers[to] = found;
  }
  return blockers;
}
