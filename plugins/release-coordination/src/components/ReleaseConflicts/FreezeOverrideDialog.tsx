import DialogContentText from '@material-ui/core/DialogContentText';
import { OverrideDialog } from '../shared/OverrideDialog';

/** Props of {@link FreezeOverrideDialog}. */
export interface FreezeOverrideDialogProps {
  open: boolean;
  onClose: () => void;
  /** Overrides the freezes with the reason; a failure shows in the dialog. */
  onSubmit: (reason: string) => Promise<void>;
}

/** Asks for the required, written reason of a freeze override. */
export function FreezeOverrideDialog(props: FreezeOverrideDialogProps) {
  return (
    <OverrideDialog
      {...props}
      title="Override freeze"
      submitLabel="Override freeze"
      reasonId="freeze-override-reason"
    >
      <DialogContentText>
        The release then goes ahead despite the freezes that apply to it and the
        deploy gate lets it through. The reason is recorded in the release
        history and the audit log.
      </DialogContentText>
    </OverrideDialog>
  );
}
