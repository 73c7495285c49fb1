import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import {
  nextReleaseStates,
  Release,
  ReleaseState,
} from '@internal/plugin-release-coordination-common';
import { FormEvent, useState } from 'react';
import { stateLabel, transitionLabel } from '../shared/format';
import { StartOverrideDialog } from './StartOverrideDialog';
import { ActionReasonField } from '../shared/ReasonField';

/** Transitions that undo or abandon a release and so ask for a reason. */
const NEEDS_REASON: ReleaseState[] = ['cancelled', 'rolled_back'];

/**
 * The states the release page offers a button for: the next states, but for
 * rolling back and verifying (decided in the release's Rollback and Success
 * criteria sections), and none while rolling back.
 */
export function buttonStates(release: Pick<Release, 'state'>): ReleaseState[] {
  return nextReleaseStates(release.state).filter(
    state =>
      state !== 'rolling_back' &&
      state !== 'verified' &&
      release.state !== 'rolling_back',
  );
}

/** Props of {@link TransitionButtons}. */
export interface TransitionButtonsProps {
  release: Release;
  /** Why the user may not move the release, or undefined when they may. */
  disabledReason?: string;
  /** The id of the words saying why the buttons are disabled, for `aria-describedby`. */
  describedBy?: string;
  busy: boolean;
  onTransition: (to: ReleaseState, reason?: string) => void;
  /** The readiness verdict, when known: emergencies not ready may start with an override. */
  verdict?: 'ready' | 'not-ready';
  /** Called after the release started with an override. */
  onOverridden?: () => void;
  /** The moves the backend would refuse (409): their buttons are disabled. */
  blocked?: ReleaseState[];
}

/** A button for each state the release may move to next. */
export function TransitionButtons(props: TransitionButtonsProps) {
  const { release, disabledReason, busy, onTransition } = props;
  const [asking, setAsking] = useState<ReleaseState>();
  const [reason, setReason] = useState('');
  const [overriding, setOverriding] = useState(false);
  const states = buttonStates(release);
  if (states.length === 0) {
    return null;
  }

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    if (asking) {
      onTransition(asking, reason.trim() || undefined);
    }
    setAsking(undefined);
  };

  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
      {states.map(state => (
        <Button
          key={state}
          variant={NEEDS_REASON.includes(state) ? 'outlined' : 'contained'}
          color={NEEDS_REASON.includes(state) ? 'secondary' : 'primary'}
          disabled={
            Boolean(disabledReason) ||
            busy ||
            Boolean(props.blocked?.includes(state))
          }
          aria-describedby={props.describedBy}
          onClick={() => {
            if (NEEDS_REASON.includes(state)) {
              setReason('');
              setAsking(state);
            } else {
              onTransition(state);
            }
          }}
        >
          {transitionLabel(state)}
        </Button>
      ))}
      {release.type === 'emergency' &&
        props.verdict === 'not-ready' &&
        states.includes('in_progress') && (
          <Button
            variant="outlined"
            color="secondary"
            disabled={Boolean(disabledReason) || busy}
            aria-describedby={props.describedBy}
            onClick={() => setOverriding(true)}
          >
            Start with override
          </Button>
        )}
      <StartOverrideDialog
        open={overriding}
        release={release}
        onClose={() => setOverriding(false)}
        onStarted={() => {
          setOverriding(false);
          props.onOverridden?.();
        }}
      />
      <Dialog
        open={Boolean(asking)}
        onClose={() => setAsking(undefined)}
        aria-labelledby="release-transition-reason-title"
        fullWidth
        maxWidth="sm"
      >
        <form onSubmit={confirm}>
          <DialogTitle id="release-transition-reason-title">
            {asking === 'cancelled'
              ? 'Cancel this release?'
              : `Move this release to ${stateLabel(asking ?? '')}?`}
          </DialogTitle>
          <DialogContent>
            <ActionReasonField
              id="release-transition-reason"
              label="Reason"
              value={reason}
              onChange={setReason}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setAsking(undefined)}>Back</Button>
            <Button type="submit" color="secondary" variant="contained">
              Confirm
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </Box>
  );
}
