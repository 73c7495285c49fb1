import {
  Conflict,
  ConflictSeverity,
  Release,
  ReleaseApprovals,
  ReleaseEvent,
  ReleaseReadiness,
  ReleaseState,
  RELEASE_STATES,
  RiskAssessment,
  entityName,
} from '@internal/plugin-release-coordination-common';
import {
  formatTimestamp,
  formatWindow,
  readableText,
  stateLabel,
} from '../shared/format';
import { approvalsSummary } from '../Readiness/readinessDisplay';

/** The states of a release going to plan, in order: up to `verified`. */
const MAIN_PATH: ReleaseState[] = RELEASE_STATES.slice(
  0,
  RELEASE_STATES.indexOf('verified') + 1,
);

/** One step of a release's progress: a lifecycle state and when it was reached. */
export interface Milestone {
  state: ReleaseState;
  /** When the release reached it (ISO), undefined when it has not (or we don't know). */
  reachedAt?: string;
  /** Whether the release is in this state or went past it. */
  reached: boolean;
}

/** What the status report is made of; the parts the backend lacks are undefined. */
export interface StatusReportData {
  release: Release;
  events: ReleaseEvent[];
  readiness?: ReleaseReadiness;
  approvals?: ReleaseApprovals;
  risk?: RiskAssessment;
}

/** When the release last moved to each state, from its `transitioned` events. */
function reachedTimes(release: Release, events: ReleaseEvent[]) {
  const times = new Map<string, string>([['draft', release.createdAt]]);
  for (const event of events) {
    if (event.action === 'created') times.set('draft', event.createdAt);
    if (event.action !== 'transitioned') continue;
    for (const change of event.changes) {
      if (change.field === 'state' && typeof change.after === 'string') {
        times.set(change.after, event.createdAt);
      }
    }
  }
  return times;
}

/**
 * The milestones of a release: draft to verified, or, for a cancelled or
 * rolled back release, the states it went through and where it ended.
 */
export function milestones(
  release: Release,
  events: ReleaseEvent[],
): Milestone[] {
  const times = reachedTimes(release, events);
  const current = MAIN_PATH.indexOf(release.state);
  if (current >= 0) {
    return MAIN_PATH.map((state, index) => ({
      state,
      reached: index <= current,
      reachedAt: index <= current ? times.get(state) : undefined,
    }));
  }
  // Cancelled or rolled back: the main states it reached, then the end.
  const last = Math.max(
    0,
    ...MAIN_PATH.map((state, index) => (times.has(state) ? index : 0)),
    ['rolling_back', 'rolled_back'].includes(release.state)
      ? MAIN_PATH.indexOf('released')
      : 0,
  );
  return [
    ...MAIN_PATH.slice(0, last + 1).map(state => ({
      state,
      reached: true,
      reachedAt: times.get(state),
    })),
    {
      state: release.state,
      reached: true,
      reachedAt: times.get(release.state),
    },
  ];
}

/** How many conflicts of each severity the release has. */
export function conflictCounts(
  conflicts: Conflict[] | undefined,
): Record<ConflictSeverity, number> {
  const counts = { blocking: 0, warning: 0 };
  for (const conflict of conflicts ?? []) counts[conflict.severity] += 1;
  return counts;
}

/** The conflicts in a few words, e.g. "1 blocking, 2 warnings" or "none". */
export function conflictsSummary(conflicts: Conflict[] | undefined): string {
  const { blocking, warning } = conflictCounts(conflicts);
  if (blocking + warning === 0) return 'none';
  return `${blocking} blocking, ${warning} ${
    warning === 1 ? 'warning' : 'warnings'
  }`;
}

/**
 * The approvals in one line: how many groups decided (and how), then who is
 * still to approve, before or afterwards, e.g.
 * "1 decided (a approved); pending: b".
 */
export function approvalsLine(approvals: ReleaseApprovals): string {
  const { decisions } = approvals;
  const decided =
    decisions.length > 0
      ? ` (${decisions
          .map(
            d =>
              `${entityName(d.groupRef)} ${
                d.decision === 'approve' ? 'approved' : 'rejected'
              }`,
          )
          .join(', ')})`
      : '';
  const pending =
    [...approvals.pending, ...approvals.pendingAfter]
      .map(entityName)
      .join(', ') || 'none';
  return `${decisions.length} decided${decided}; pending: ${pending}`;
}

/** The risk level in words, saying when it is overridden. */
export function riskSummary(risk: RiskAssessment | undefined): string {
  if (!risk) return 'not assessed';
  return risk.override
    ? `${risk.level} (overridden from ${risk.computedLevel})`
    : risk.level;
}

/**
 * The status report as Markdown (readable as plain text), for pasting into a
 * chat or an e-mail to stakeholders.
 */
export function statusReportText(data: StatusReportData): string {
  const { release, readiness, approvals, risk } = data;
  const lines: string[] = [
    `# Status report: ${release.title} ${release.version}`,
    '',
    `- State: ${stateLabel(release.state)}`,
    `- Type: ${release.type}`,
    `- Window: ${formatWindow(release.window)}`,
    `- Owner: ${entityName(release.ownerRef)}`,
    `- Risk: ${riskSummary(risk)}`,
    `- Open issues (conflicts): ${conflictsSummary(release.conflicts)}`,
    '',
    '## Milestones',
    '',
  ];
  for (const milestone of milestones(release, data.events)) {
    const mark = milestone.reached ? 'x' : ' ';
    const when = milestone.reachedAt
      ? ` (${formatTimestamp(milestone.reachedAt)})`
      : '';
    lines.push(`- [${mark}] ${stateLabel(milestone.state)}${when}`);
  }
  lines.push('', '## Readiness', '');
  if (!readiness) {
    lines.push('- Not available');
  } else {
    lines.push(
      `- Verdict: ${readiness.verdict === 'ready' ? 'ready' : 'not ready'}`,
    );
    for (const reason of readiness.blocking) {
      lines.push(`  - Blocking: ${reason}`);
    }
  }
  lines.push('', '## Approvals', '');
  if (!approvals) {
    lines.push('- Not available');
  } else {
    lines.push(`- Status: ${approvalsSummary(approvals)}`);
    for (const decision of approvals.decisions) {
      lines.push(
        `- ${entityName(decision.groupRef)}: ${
          decision.decision === 'approve' ? 'approved' : 'rejected'
        } by ${entityName(decision.by)} on ${formatTimestamp(decision.at)}${
          decision.comment ? ` (${decision.comment})` : ''
        }`,
      );
    }
    for (const group of approvals.pending) {
      lines.push(`- ${entityName(group)}: pending`);
    }
    const overdue = new Set(approvals.overdue);
    const due = approvals.followUpDeadline
      ? `, due ${formatTimestamp(approvals.followUpDeadline)}`
      : '';
    for (const group of approvals.pendingAfter) {
      lines.push(
        `- ${entityName(group)}: ${
          overdue.has(group) ? 'overdue' : 'pending'
        } (afterwards${due})`,
      );
    }
  }
  const conflicts = release.conflicts ?? [];
  if (conflicts.length > 0) {
    lines.push('', '## Open issues', '');
    for (const conflict of conflicts) {
      lines.push(`- ${conflict.severity}: ${readableText(conflict.message)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
