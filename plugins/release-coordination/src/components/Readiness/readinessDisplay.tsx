import Chip from '@material-ui/core/Chip';
import {
  ReleaseApprovals,
  ReleaseReadiness,
  entityName,
} from '@internal/plugin-release-coordination-common';

/** The go / no-go verdict as a chip: "ready" or "not ready". */
export function ReadinessVerdictChip(props: {
  verdict: ReleaseReadiness['verdict'];
  /** `readiness-verdict` unless given. */
  testId?: string;
}) {
  const ready = props.verdict === 'ready';
  return (
    <Chip
      size="small"
      label={ready ? 'ready' : 'not ready'}
      color={ready ? 'primary' : 'secondary'}
      data-testid={props.testId ?? 'readiness-verdict'}
    />
  );
}

/** The approvals of a release in a few words, e.g. "waiting for a". */
export function approvalsSummary(approvals: ReleaseApprovals): string {
  if (approvals.rejected) return 'rejected';
  if (approvals.rule === 'none') return 'not needed';
  if (!approvals.complete) {
    return `waiting for ${approvals.pending.map(entityName).join(', ')}`;
  }
  if (approvals.overdue.length) {
    return `approved; overdue afterwards: ${approvals.overdue
      .map(entityName)
      .join(', ')}`;
  }
  return approvals.pendingAfter.length
    ? `approved; afterwards ${approvals.pendingAfter
        .map(entityName)
        .join(', ')}`
    : 'approved';
}

/** A required group's approval status as words. */
export function approvalStatusLabel(status: string): string {
  if (status === 'pending-after') return 'pending (afterwards)';
  if (status === 'overdue') return 'overdue (afterwards)';
  return status;
}
