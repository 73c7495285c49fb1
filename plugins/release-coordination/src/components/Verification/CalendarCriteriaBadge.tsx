import { useTheme } from '@material-ui/core/styles';
import { CriteriaProgress } from '@internal/plugin-release-coordination-common';

/**
 * A released release's verification status on a calendar item: its success
 * criteria settled (met or waived) out of all, green once every one is.
 */
export function CalendarCriteriaBadge(props: { progress: CriteriaProgress }) {
  const theme = useTheme();
  const { total, settled } = props.progress;
  const done = settled === total;
  const label = done
    ? `Success criteria: all ${total} met or waived, ready to verify`
    : `Success criteria: ${settled} of ${total} met or waived`;
  return (
    <>
      <span
        role="img"
        aria-label={label}
        title={label}
        data-testid="calendar-criteria-badge"
        style={{
          fontSize: '0.7rem',
          padding: '0 4px',
          borderRadius: 4,
          border: `1px solid ${
            done ? theme.palette.success.main : theme.palette.text.secondary
          }`,
          color: done ? theme.palette.success.dark : theme.palette.text.primary,
        }}
      >
        {done ? `✓ ${settled}/${total}` : `${settled}/${total}`}
      </span>{' '}
    </>
  );
}
