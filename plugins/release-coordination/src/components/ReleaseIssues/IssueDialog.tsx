import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  ISSUE_SEVERITIES,
  ISSUE_STATUSES,
  CreateReleaseIssueRequest,
  ReleaseIssue,
  UpdateReleaseIssueRequest,
} from '@internal/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import {
  FormDialog,
  textFieldBinder,
  useDialogForm,
} from '../shared/FormDialog';
import {
  emptyIssueForm,
  IssueForm,
  issueFormOf,
  serverFieldErrors,
  validateIssueChange,
  validateNewIssue,
} from './issueForm';

/**
 * Records an issue on a release (without `issue`) or changes one: title,
 * severity, status, owner, affected entities and links. Checked on the
 * client with the server's schema; the server's 400 shows under the field
 * it names. Resolving asks for confirmation first (a second dialog).
 */
export function IssueDialog(props: {
  open: boolean;
  releaseId: string;
  issue?: ReleaseIssue;
  onClose: () => void;
  onSaved: (issue: ReleaseIssue) => void;
}) {
  const { open, releaseId, issue, onClose, onSaved } = props;
  const api = useApi(releaseCoordinationApiRef);
  const state = useDialogForm<
    IssueForm,
    CreateReleaseIssueRequest | UpdateReleaseIssueRequest
  >({
    open,
    resetKey: issue ? `${issue.id}@${issue.revision}` : 'new',
    init: () => (issue ? issueFormOf(issue) : emptyIssueForm()),
    validate: form =>
      issue ? validateIssueChange(issue, form) : validateNewIssue(form),
  });
  const { form, submission } = state;
  const server = serverFieldErrors(submission.error);
  const errors = { ...server, ...state.errors };
  const bind = textFieldBinder({ ...state, errors }, 'issue');
  const select = (key: 'severity' | 'status', values: readonly string[]) => (
    <TextField
      select
      label={key === 'severity' ? 'Severity' : 'Status'}
      {...bind(key)}
    >
      {values.map(value => (
        <MenuItem key={value} value={value}>
          {value}
        </MenuItem>
      ))}
    </TextField>
  );
  const [confirming, setConfirming] = useState(false);
  const submit = (confirmed = false) => {
    const body = state.check();
    if (!body) return;
    const resolving =
      issue && form.status === 'resolved' && issue.status !== 'resolved';
    if (resolving && !confirmed) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    submission.run(async () => {
      onSaved(
        issue
          ? await api.updateIssue(issue.id, body as UpdateReleaseIssueRequest)
          : await api.recordReleaseIssue(
              releaseId,
              body as CreateReleaseIssueRequest,
            ),
      );
    });
  };
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={issue ? `Change issue "${issue.title}"` : 'Record an issue'}
      submitLabel={issue ? 'Save' : 'Record'}
      submission={submission}
      error={
        server[''] ??
        (Object.keys(server).length ? undefined : submission.message)
      }
      onSubmit={() => submit()}
      maxWidth="sm"
    >
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <TextField label="Title" required {...bind('title')} />
        </Grid>
        <Grid item xs={6}>
          {select('severity', ISSUE_SEVERITIES)}
        </Grid>
        <Grid item xs={6}>
          {select('status', ISSUE_STATUSES)}
        </Grid>
        <Grid item xs={12}>
          <TextField
            label="Owner (user or group ref; you by default)"
            {...bind('ownerRef')}
          />
        </Grid>
        <Grid item xs={12}>
          <TextField
            label="Affected entities (comma-separated; the release's by default)"
            {...bind('entityRefs')}
          />
        </Grid>
        <Grid item xs={6}>
          <TextField label="Incident link" {...bind('incident')} />
        </Grid>
        <Grid item xs={6}>
          <TextField label="Ticket link" {...bind('ticket')} />
        </Grid>
      </Grid>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        aria-labelledby="resolve-issue-title"
      >
        <DialogTitle id="resolve-issue-title">Resolve this issue?</DialogTitle>
        <DialogContent>
          "{issue?.title}" will no longer count as open.
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Keep it open</Button>
          <Button color="primary" onClick={() => submit(true)}>
            Resolve
          </Button>
        </DialogActions>
      </Dialog>
    </FormDialog>
  );
}
