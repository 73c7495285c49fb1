import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { Release } from '@internal/plugin-release-coordination-common';
import { useEffect } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { FormDialog, useSubmission } from '../shared/FormDialog';
import { ReasonField, useReasonField } from '../shared/ReasonField';

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
  const { open, release, onClose, onStarted } = props;
  const api = useApi(releaseCoordinationApiRef);
  const submission = useSubmission();
  const { reset } = submission;
  const { reason, field, touch } = useReasonField(open);
  useEffect(() => {
    if (open) reset();
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = () => {
    touch();
    if (!reason) return;
    submission.run(async () => {
      await api.transitionRelease(release.id, {
        to: 'in_progress',
        override: { reason },
      });
      onStarted();
    });
  };

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title="Start with override?"
      submitLabel="Start with override"
      submission={submission}
      onSubmit={submit}
      maxWidth="sm"
    >
      <Typography variant="body2" paragraph>
        This emergency release is not ready. Starting it anyway overrides the
        readiness gate; the reason is recorded in the release's history and the
        audit log.
      </Typography>
      <ReasonField id="release-start-override-reason" {...field} />
    </FormDialog>
  );
}
