import { Link } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import Typography, { TypographyProps } from '@material-ui/core/Typography';
import {
  Release,
  ReleaseState,
  ReleaseType,
} from '@internal/plugin-release-coordination-common';
import { ElementType } from 'react';
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

/**
 * A release's title and version, linked to `to` when given, followed by its
 * state chip; for a row of chips.
 */
export function ReleaseTitle(props: {
  release: Pick<Release, 'title' | 'version' | 'state'>;
  /** `subtitle1` by default. */
  variant?: TypographyProps['variant'];
  /** The element of the title; a `span` by default, `h1` on a page. */
  component?: ElementType;
  /** The id of the title's element, for a section it names. */
  id?: string;
  to?: string;
}) {
  const { release, variant = 'subtitle1', component = 'span', to } = props;
  const title = `${release.title} ${release.version}`;
  return (
    <>
      <Typography variant={variant} component={component} id={props.id}>
        {to ? <Link to={to}>{title}</Link> : title}
      </Typography>
      <ReleaseStateChip state={release.state} />
    </>
  );
}
