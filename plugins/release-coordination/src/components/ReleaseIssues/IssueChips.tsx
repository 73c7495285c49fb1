import Chip from '@material-ui/core/Chip';
import { getContrastRatio, useTheme } from '@material-ui/core/styles';
import {
  IssueSeverity,
  IssueStatus,
} from '@internal/plugin-release-coordination-common';

/**
 * A severity as a chip: sev1 and sev2 in the error colour, sev3 a warning;
 * its text black or white, whichever reads better on that colour in the
 * current theme (the dark theme's colours are light).
 */
export function SeverityChip(props: { severity: IssueSeverity }) {
  const theme = useTheme();
  const colour = {
    sev1: theme.palette.error.dark,
    sev2: theme.palette.error.main,
    sev3: theme.palette.warning.main,
    sev4: theme.palette.grey[600],
  }[props.severity];
  const { black, white } = theme.palette.common;
  const text =
    getContrastRatio(colour, white) >= getContrastRatio(colour, black)
      ? white
      : black;
  return (
    <Chip
      size="small"
      label={props.severity}
      style={{ backgroundColor: colour, color: text }}
    />
  );
}

/** An issue status as a chip; resolved ones outlined. */
export function IssueStatusChip(props: { status: IssueStatus }) {
  return (
    <Chip
      size="small"
      label={props.status}
      variant={props.status === 'resolved' ? 'outlined' : 'default'}
    />
  );
}
