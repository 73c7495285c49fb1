import { ReactNode, useEffect } from 'react';
import { FormDialog, useSubmission } from './FormDialog';
import { ReasonField, useReasonField } from './ReasonField';

/** Props of {@link OverrideDialog}. */
export interface OverrideDialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  submitLabel: string;
  /** The id of the Reason input. */
  reasonId: string;
  /** Overrides with the reason given; a failure shows in the dialog. */
  onSubmit: (reason: string) => Promise<void>;
  /** What the override does, and any further fields, above the reason. */
  children: ReactNode;
}

/**
 * A dialog asking for the required, written reason of an override (a freeze,
 * the readiness gate, a risk level): `children`, the Reason field, and Cancel
 * and submit buttons. It starts afresh whenever it opens.
 */
export function OverrideDialog(props: OverrideDialogProps) {
  const { open, reasonId, onSubmit, children, ...dialog } = props;
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
      {...dialog}
      open={open}
      submission={submission}
      onSubmit={submit}
      maxWidth="sm"
    >
      {children}
      <ReasonField id={reasonId} {...field} />
    </FormDialog>
  );
}
