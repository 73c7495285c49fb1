import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { Release } from '@internal/plugin-release-coordination-common';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { OverrideDialog } from '../shared/OverrideDialog';

/** Props of {@link StartOverrideDialog}. */
export interface StartOverrideDialogProps {
  open: boolean;
  release: Pick<Release, 'id'>;
  onClose: () => void;
  /** Called once the release is in progress. */
  onStarted: () => void;
}

/**
 * Starts an emergency release that is not ready, with the required, written
 * reason of the override (audited by the backend); refusals show in the dialog.
 */
export function StartOverrideDialog(props: StartOverrideDialogProps) {
  const { release, onStarted, ...dialog } = props;
  const api = useApi(releaseCoordinationApiRef);
  const start = async (reason: string) => {
    await api.transitionRelease(release.id, {
      to: 'in_progress',
      override: { reason },
    });
    onStarted();
  };
  return (
    <OverrideDialog
      {...dialog}
      title="Start with override?"
      submitLabel="Start with override"
      reasonId="release-start-override-reason"
      onSubmit={start}
    >
      <Typography variant="body2" paragraph>
        This emergency release is not ready. Starting it anyway overrides the
        readiness gate; the reason is recorded in the release's history and the
        audit log.
      </Typography>
    </OverrideDialog>
  );
}
