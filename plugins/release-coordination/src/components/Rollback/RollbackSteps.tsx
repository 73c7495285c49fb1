import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import LinearProgress from '@material-ui/core/LinearProgress';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  ROLLBACK_STEP_STATUSES,
  Rollback,
  RollbackStepStatus,
} from '@internal/plugin-release-coordination-common';
import { useState } from 'react';

/** Props of {@link RollbackSteps}. */
export interface RollbackStepsProps {
  rollback: Rollback;
  busy: boolean;
  onChange: (index: number, status: RollbackStepStatus, note?: string) => void;
}

/**
 * The execution steps of a rollback with a progress bar; each step's status
 * is a native select (keyboard accessible). Marking a step failed asks for
 * confirmation and an optional note first.
 */
export function RollbackSteps(props: RollbackStepsProps) {
  const { rollback, busy, onChange } = props;
  const [failing, setFailing] = useState<number>();
  const [note, setNote] = useState('');
  const { steps } = rollback;
  const done = steps.filter(step => step.status === 'done').length;
  const finished = Boolean(rollback.completedAt);

  return (
    <>
      <Typography variant="body2" id="rollback-progress">
        {done} of {steps.length} step(s) done
      </Typography>
      <LinearProgress
        variant="determinate"
        value={steps.length ? (done / steps.length) * 100 : 100}
        aria-labelledby="rollback-progress"
        color={rollback.failed ? 'secondary' : 'primary'}
      />
      {rollback.failed && (
        <Box marginTop={1}>
          <Alert severity="error">
            A step failed: the release managers were told. The release stays
            rolling back until every step is done.
          </Alert>
        </Box>
      )}
      <List dense>
        {steps.map(step => (
          <ListItem key={step.index} divider data-testid="rollback-step">
            <ListItemText
              primary={`${step.index + 1}. ${step.title}`}
              secondary={
                <>
                  <EntityRefLink entityRef={step.ownerRef} />
                  {step.note ? ` · ${step.note}` : ''}
                </>
              }
            />
            <TextField
              select
              SelectProps={{ native: true }}
              id={`rollback-step-${step.index}`}
              label="Status"
              value={step.status}
              disabled={busy || finished}
              inputProps={{ 'aria-label': `Status of step ${step.index + 1}` }}
              onChange={e => {
                const status = e.target.value as RollbackStepStatus;
                if (status === 'failed') {
                  setNote('');
                  setFailing(step.index);
                } else onChange(step.index, status);
              }}
            >
              {ROLLBACK_STEP_STATUSES.map(status => (
                <option key={status} value={status}>
                  {status}
                </option>
              ))}
            </TextField>
          </ListItem>
        ))}
      </List>
      <Dialog
        open={failing !== undefined}
        onClose={() => setFailing(undefined)}
      >
        <DialogTitle>Mark step {(failing ?? 0) + 1} as failed?</DialogTitle>
        <DialogContent>
          <Typography variant="body2">
            The release managers are notified, and the release stays rolling
            back until the step is done.
          </Typography>
          <TextField
            id="rollback-failure-note"
            label="What went wrong"
            fullWidth
            margin="dense"
            value={note}
            onChange={e => setNote(e.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setFailing(undefined)}>Cancel</Button>
          <Button
            color="secondary"
            onClick={() => {
              onChange(failing!, 'failed', note.trim() || undefined);
              setFailing(undefined);
            }}
          >
            Mark failed
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
