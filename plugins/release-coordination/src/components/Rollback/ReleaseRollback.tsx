import { InfoCard, Progress } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  DEFAULT_RELEASE_MANAGER_GROUP,
  EMERGENCY_ROLLBACK_TYPES,
  HOTFIX_SOURCE_STATES,
  Release,
  RollbackStepStatus,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { errorMessage, formatTimestamp } from '../shared/format';
import { HotfixLinks } from './HotfixLinks';
import { RollbackDecisionForm } from './RollbackDecisionForm';
import { RollbackSteps } from './RollbackSteps';

/** Props of {@link ReleaseRollback}. @public */
export interface ReleaseRollbackProps {
  release: Release;
  /** Called after the rollback changed the release (its state, a hotfix). */
  onChanged: () => void;
  /** Changes when something beside the release changed (its issues): reloads. */
  refreshKey?: number;
}

/**
 * The rollback of a release: the form deciding one while it is released,
 * then its steps and progress, the "Create follow-up hotfix" button (the new
 * draft shows as a link here and links back to this release), and the
 * links between a rolled-back release and its hotfixes. Shows nothing for a
 * release with neither a rollback nor hotfix links that cannot be rolled back.
 *
 * @public
 */
export function ReleaseRollback(props: ReleaseRollbackProps) {
  const { release, onChanged } = props;
  const api = useApi(releaseCoordinationApiRef);
  const identityApi = useApi(identityApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // bumped after every change: a new fetch even while another is loading
  const [changes, setChanges] = useState(0);
  const reload = () => setChanges(count => count + 1);
  const status = useAsync(
    () => api.getReleaseRollback(release.id),
    [api, release.id, release.revision, changes, props.refreshKey],
  );
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );

  if (status.loading && !status.value) return <Progress />;
  if (!status.value) return null;
  const { rollback } = status.value;
  const linked = status.value.hotfixOf || status.value.hotfixes.length > 0;
  if (!rollback && !linked && release.state !== 'released') return null;

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      reload();
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const changeStep = (index: number, to: RollbackStepStatus, note?: string) =>
    act(() =>
      api.updateRollbackStep(release.id, index, {
        revision: rollback!.revision,
        status: to,
        note,
      }),
    );
  const createHotfix = () => act(() => api.createHotfix(release.id));
  const manager = (identity.value?.ownershipEntityRefs ?? []).some(
    ref => ref.toLocaleLowerCase('en-US') === DEFAULT_RELEASE_MANAGER_GROUP,
  );

  return (
    <InfoCard title="Rollback">
      {error && (
        <Box marginBottom={1}>
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        </Box>
      )}
      <HotfixLinks status={status.value} />
      {!rollback && release.state === 'released' && (
        <RollbackDecisionForm
          release={release}
          refreshKey={props.refreshKey}
          emergencyAllowed={
            manager || EMERGENCY_ROLLBACK_TYPES.includes(release.type)
          }
          onDecided={() => {
            reload();
            onChanged();
          }}
        />
      )}
      {rollback && (
        <>
          <Typography variant="body2" gutterBottom>
            {rollback.decision.emergency ? 'Emergency rollback' : 'Rollback'}{' '}
            decided by {entityName(rollback.decision.decidedBy)} on{' '}
            {formatTimestamp(rollback.decision.decidedAt)}:{' '}
            {rollback.decision.reason}
          </Typography>
          <RollbackSteps
            rollback={rollback}
            busy={busy}
            onChange={changeStep}
          />
        </>
      )}
      {HOTFIX_SOURCE_STATES.includes(release.state) && (
        <Button variant="outlined" disabled={busy} onClick={createHotfix}>
          Create follow-up hotfix
        </Button>
      )}
    </InfoCard>
  );
}
