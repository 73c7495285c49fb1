import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, useEffect, useState } from 'react';
import { ReasonField } from '../shared/ReasonField';

/** Props of {@link FreezeOverrideDialog}. */
export interface FreezeOverrideDialogProps {
  open: boolean;
  submitting: boolean;
  error?: string;
  onClose: () => void;
  onSubmit: (reason: string) => void;
}

/** Asks for the required, written reason of a freeze override. */
export function FreezeOverrideDialog(props: FreezeOverrideDialogProps) {
  const { open, submitting, error, onClose, onSubmit } = props;
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (open) {
      setReason('');
      setTouched(false);
    }
  }, [open]);
  const missing = reason.trim() === '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!missing && !submitting) onSubmit(reason.trim());
  };
  return (
    <Dialog
      open={open}
      onClose={submitting ? undefined : onClose}
      aria-labelledby="freeze-override-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="freeze-override-title">Override freeze</DialogTitle>
        <DialogContent>
          <DialogContentText>
            The release then goes ahead despite the freezes that apply to it and
            the deploy gate lets it through. The reason is recorded in the
            release history and the audit log.
          </DialogContentText>
          {error && (
            <Alert severity="error" role="alert" style={{ marginBottom: 16 }}>
              {error}
            </Alert>
          )}
          <ReasonField
            id="freeze-override-reason"
            value={reason}
            onChange={setReason}
            touched={touched}
            onBlur={() => setTouched(true)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={submitting}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={submitting}
          >
            Override freeze
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
