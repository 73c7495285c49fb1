import DialogContentText from '@material-ui/core/DialogContentText';
import { useEffect } from 'react';
import { FormDialog, useSubmission } from '../shared/FormDialog';
import { ReasonField, useReasonField } from '../shared/ReasonField';

/** Props of {@link FreezeOverrideDialog}. */
export interface FreezeOverrideDialogProps {
  open: boolean;
  onClose: () => void;
  /** Overrides the freezes with the reason; a failure shows in the dialog. */
  onSubmit: (reason: string) => Promise<void>;
}

/** Asks for the required, written reason of a freeze override. */
export function FreezeOverrideDialog(props: FreezeOverrideDialogProps) {
  const { open, onClose, onSubmit } = props;
  const { reason, field, touch } = useReasonField(open);
  const submission = useSubmission();
  const { reset } = submission;
  useEffect(() => {
    if (open) reset();
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps
  const submit = () => {
    touch();
    if (reason) submission.run(() => onSubmit(reason));
  };
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title="Override freeze"
      submitLabel="Override freeze"
      submission={submission}
      onSubmit={submit}
      maxWidth="sm"
    >
      <DialogContentText>
        The release then goes ahead despite the freezes that apply to it and the
        deploy gate lets it through. The reason is recorded in the release
        history and the audit log.
      </DialogContentText>
      <ReasonField id="freeze-override-reason" {...field} />
    </FormDialog>
  );
}
