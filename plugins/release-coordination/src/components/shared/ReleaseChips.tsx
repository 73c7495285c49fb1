import Chip from '@material-ui/core/Chip';
import {
  ReleaseState,
  ReleaseType,
} from '@internal/plugin-release-coordination-common';
import { stateLabel } from './format';
import { ROLLING_BACK_COLOR } from '../Rollback/StateLabel';

const FINISHED_BADLY: ReleaseState[] = ['rolled_back', 'cancelled'];

/** The lifecycle state of a release as a chip. */
export function ReleaseStateChip(props: { state: ReleaseState }) {
  const { state } = props;
  let color: 'default' | 'primary' | 'secondary' = 'default';
  if (FINISHED_BADLY.includes(state)) color = 'secondary';
  else if (state !== 'draft') color = 'primary';
  return (
    <Chip
      size="small"
      label={stateLabel(state)}
      color={color}
      style={
        state === 'rolling_back'
          ? { background: ROLLING_BACK_COLOR, color: '#fff' }
          : undefined
      }
      data-testid="release-state"
    />
  );
}

/** The type of a release as an outlined chip. */
export function ReleaseTypeChip(props: { type: ReleaseType }) {
  return <Chip size="small" variant="outlined" label={props.type} />;
}
