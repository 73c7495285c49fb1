import TextField from '@material-ui/core/TextField';
import { useApi } from '@backstage/core-plugin-api';
import { ApprovalDecisionValue } from '@internal/plugin-release-coordination-common';
import { useEffect, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { FormDialog, useSubmission } from '../shared/FormDialog';

/**
 * Asks for the comment of an approval or rejection (required for a rejection)
 * and posts the decision.
 */
export function ApprovalDialog(props: {
  releaseId: string;
  /** The decision to make; the dialog is open while set. */
  decision?: ApprovalDecisionValue;
  onClose: () => void;
  onDecided: () => void;
}) {
  const { releaseId, decision, onClose, onDecided } = props;
  const api = useApi(releaseCoordinationApiRef);
  const submission = useSubmission();
  const { reset } = submission;
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const open = Boolean(decision);
  useEffect(() => {
    if (open) {
      setComment('');
      setTouched(false);
      reset();
    }
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const reject = decision === 'reject';
  const missing = reject && touched && comment.trim() === '';
  const submit = () => {
    setTouched(true);
    if (!decision || (reject && comment.trim() === '')) return;
    submission.run(async () => {
      await api.decideReleaseApproval(releaseId, {
        decision,
        comment: comment.trim(),
      });
      onDecided();
    });
  };
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={reject ? 'Reject release' : 'Approve release'}
      submitLabel="Confirm"
      submission={submission}
      onSubmit={submit}
      maxWidth="sm"
    >
      <TextField
        id="approval-comment"
        label="Comment"
        required={reject}
        multiline
        minRows={3}
        fullWidth
        variant="outlined"
        value={comment}
        inputProps={{ maxLength: 2000 }}
        onChange={event => setComment(event.target.value)}
        onBlur={() => setTouched(true)}
        error={missing}
        helperText={missing ? 'Say why you reject the release' : undefined}
      />
    </FormDialog>
  );
}
