import { useTheme } from '@material-ui/core/styles';
import {
  ISSUE_SEVERITIES,
  IssueSeverity,
  OpenIssueCounts,
} from '@internal/plugin-release-coordination-common';

/** A calendar item's badge of its worst unresolved issue severity, the counts in its accessible name. */
export function CalendarIssueBadge(props: {
  severity: IssueSeverity;
  counts: OpenIssueCounts;
}) {
  const theme = useTheme();
  const { severity, counts } = props;
  const severe = severity === 'sev1' || severity === 'sev2';
  const summary = ISSUE_SEVERITIES.filter(s => counts[s] > 0)
    .map(s => `${counts[s]} ${s}`)
    .join(', ');
  return (
    <>
      <span
        role="img"
        aria-label={`Open issues: ${summary}`}
        title={`Open issues: ${summary}`}
        data-testid="calendar-issue-badge"
        style={{
          fontSize: '0.7rem',
          fontWeight: 'bold',
          padding: '0 4px',
          borderRadius: 4,
          color: theme.palette.common.white,
          backgroundColor: severe
            ? theme.palette.error.main
            : theme.palette.warning.dark,
        }}
      >
        {severity}
      </span>{' '}
    </>
  );
}
