import { useTheme } from '@material-ui/core/styles';
import ErrorIcon from '@material-ui/icons/Error';
import WarningIcon from '@material-ui/icons/Warning';
import { Conflict } from '@internal/plugin-release-coordination-common';
import { conflictKindLabel, hasBlocking } from './conflictDisplay';
import { StatusIcon } from './StatusIcon';
import { readableText } from './format';

/**
 * An icon flagging a release's conflicts, red when one is blocking, amber
 * otherwise, with their messages in a tooltip; nothing without conflicts.
 */
export function ConflictFlag(props: {
  conflicts?: Conflict[];
  fontSize?: 'small' | 'inherit' | 'default';
}) {
  const { conflicts, fontSize = 'small' } = props;
  const theme = useTheme();
  if (!conflicts?.length) return null;
  const blocking = hasBlocking(conflicts);
  const label = `${conflicts.length} ${
    conflicts.length === 1 ? 'conflict' : 'conflicts'
  }${blocking ? ', blocking' : ''}`;
  return (
    <StatusIcon
      icon={blocking ? ErrorIcon : WarningIcon}
      label={label}
      color={blocking ? theme.palette.error.main : theme.palette.warning.main}
      fontSize={fontSize}
      data={{
        'data-testid': 'conflict-flag',
        'data-severity': blocking ? 'blocking' : 'warning',
      }}
      details={conflicts.map(conflict => (
        <div key={conflict.id}>
          {conflict.severity === 'blocking' ? 'Blocking' : 'Warning'} (
          {conflictKindLabel(conflict.kind)}): {readableText(conflict.message)}
        </div>
      ))}
    />
  );
}
