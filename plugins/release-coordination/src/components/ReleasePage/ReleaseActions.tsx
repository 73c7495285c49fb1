import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import EditIcon from '@material-ui/icons/Edit';
import Alert from '@material-ui/lab/Alert';
import {
  ACTIVE_RELEASE_STATES,
  Release,
  ReleaseState,
} from '@internal/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { EditReleaseDialog } from '../EditReleaseDialog';
import { errorMessage } from '../shared/format';
import { BookOnTrain } from '../Trains';
import { buttonStates, TransitionButtons } from './TransitionButtons';
import {
  TransitionBlockerList,
  useTransitionBlockers,
} from './TransitionBlockers';

function EditButton(props: {
  disabledReason?: string;
  busy: boolean;
  onClick: () => void;
}) {
  return (
    <Tooltip title={props.disabledReason ?? ''}>
      {/* A disabled button gets no pointer events: the span shows the tooltip. */}
      <span>
        <Button
          variant="outlined"
          color="primary"
          startIcon={<EditIcon />}
          disabled={Boolean(props.disabledReason) || props.busy}
          onClick={props.onClick}
        >
          Edit
        </Button>
      </span>
    </Tooltip>
  );
}

/**
 * The release page's grid rows holding what the user can do to the release
 * (edit it, move it through its lifecycle, book it on a train), preceded by
 * the error of the last failed transition.
 */
export function ReleaseActions(props: {
  release: Release;
  loading: boolean;
  verdict?: 'ready' | 'not-ready';
  /** Why the user may not move the release, if they may not. */
  disabledReason?: string;
  /** Why the user may not edit the release, if they may not. */
  editDisabledReason?: string;
  onChanged: () => void;
  /** Changes when the release's approvals or readiness may have changed: what blocks its moves reloads. */
  refreshKey?: number;
}) {
  const { release, loading, verdict, onChanged } = props;
  const blockers = useTransitionBlockers(
    release,
    buttonStates(release),
    props.refreshKey,
  );
  const { disabledReason, editDisabledReason } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const [editing, setEditing] = useState(false);

  const transition = async (to: ReleaseState, reason?: string) => {
    setBusy(true);
    setActionError(undefined);
    try {
      await api.transitionRelease(release.id, reason ? { to, reason } : { to });
    } catch (e) {
      setActionError(errorMessage(e));
    } finally {
      setBusy(false);
      onChanged();
    }
  };

  return (
    <>
      {actionError && (
        <Grid item xs={12}>
          <Alert severity="error" onClose={() => setActionError(undefined)}>
            {actionError}
          </Alert>
        </Grid>
      )}
      <Grid item xs={12}>
        <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
          {ACTIVE_RELEASE_STATES.includes(release.state) && (
            <EditButton
              disabledReason={editDisabledReason}
              busy={busy}
              onClick={() => setEditing(true)}
            />
          )}
          <TransitionButtons
            release={release}
            disabledReason={disabledReason}
            busy={busy || loading}
            onTransition={transition}
            verdict={verdict}
            onOverridden={onChanged}
            blocked={Object.keys(blockers) as ReleaseState[]}
          />
          <BookOnTrain release={release} onBooked={onChanged} />
        </Box>
        {props.disabledReason && (
          <Typography variant="body2" color="textSecondary">
            {props.disabledReason}
          </Typography>
        )}
        <TransitionBlockerList blockers={blockers} />
        <EditReleaseDialog
          open={editing}
          release={release}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
          onReload={onChanged}
        />
      </Grid>
    </>
  );
}
