import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import EditIcon from '@material-ui/icons/Edit';
import Alert from '@material-ui/lab/Alert';
import {
  ACTIVE_RELEASE_STATES,
  Release,
  ReleaseState,
} from '@internal/plugin-release-coordination-common';
import { useId, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { EditReleaseDialog } from '../EditReleaseDialog';
import { Cluster } from '../shared/Cluster';
import { DisabledReason } from '../shared/DisabledReason';
import { errorMessage } from '../shared/format';
import { BookOnTrain } from '../Trains';
import { buttonStates, TransitionButtons } from './TransitionButtons';
import {
  TransitionBlockerList,
  useTransitionBlockers,
} from './TransitionBlockers';

/**
 * What the user can do to the release (edit it, move it through its
 * lifecycle, book it on a train), preceded by the error of the last failed
 * transition; when the user may not, why, once under all the buttons.
 */
export function ReleaseActions(props: {
  release: Release;
  loading: boolean;
  verdict?: 'ready' | 'not-ready';
  /** Why the user may not edit or move the release, if they may not. */
  disabledReason?: string;
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
  const { disabledReason } = props;
  const reasonId = useId();
  const describedBy = disabledReason ? reasonId : undefined;
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
        <Box marginBottom={2}>
          <Alert severity="error" onClose={() => setActionError(undefined)}>
            {actionError}
          </Alert>
        </Box>
      )}
      <Cluster>
        {ACTIVE_RELEASE_STATES.includes(release.state) && (
          <Button
            variant="outlined"
            color="primary"
            startIcon={<EditIcon />}
            disabled={Boolean(disabledReason) || busy}
            aria-describedby={describedBy}
            onClick={() => setEditing(true)}
          >
            Edit
          </Button>
        )}
        <TransitionButtons
          release={release}
          disabledReason={disabledReason}
          describedBy={describedBy}
          busy={busy || loading}
          onTransition={transition}
          verdict={verdict}
          onOverridden={onChanged}
          blocked={Object.keys(blockers) as ReleaseState[]}
        />
        <BookOnTrain
          release={release}
          onBooked={onChanged}
          reasonId={reasonId}
        />
      </Cluster>
      {disabledReason && (
        <Box marginTop={1}>
          <DisabledReason id={reasonId}>{disabledReason}</DisabledReason>
        </Box>
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
    </>
  );
}
