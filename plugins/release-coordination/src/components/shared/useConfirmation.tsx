import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { ReactNode, useId, useState } from 'react';

/** What a destructive action asks before it runs. */
export interface ConfirmationRequest {
  /** The question, e.g. "Withdraw the approval of Payments?". */
  title: string;
  /** What happens when confirmed, in words. */
  body: ReactNode;
  /** The confirming button's label, e.g. "Withdraw". */
  confirmLabel: string;
  /** Runs once confirmed. */
  action: () => void;
}

/**
 * Confirmation for destructive actions: `confirm(request)` opens a dialog
 * asking `request.title`; its confirming button runs the action, "Keep"
 * closes it. Render `dialog` once where the actions are.
 */
export function useConfirmation() {
  const [pending, setPending] = useState<ConfirmationRequest>();
  const titleId = useId();
  const close = () => setPending(undefined);
  const dialog = (
    <Dialog
      open={Boolean(pending)}
      onClose={close}
      aria-labelledby={titleId}
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id={titleId}>{pending?.title}</DialogTitle>
      <DialogContent>
        <DialogContentText component="div">{pending?.body}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Keep</Button>
        <Button
          color="secondary"
          variant="contained"
          onClick={() => {
            pending?.action();
            close();
          }}
        >
          {pending?.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
  return { confirm: setPending, dialog };
}
