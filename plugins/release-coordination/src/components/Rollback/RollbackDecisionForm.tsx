import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  Release,
  ReleaseRollbackStatus,
  RollbackTriggers,
  shortRef,
} from '@internal/plugin-release-coordination-common';
import { ResponseError } from '@backstage/errors';
import { useApi } from '@backstage/core-plugin-api';
import { FormEvent, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { errorMessage } from '../shared/format';
import { fieldErrors } from './fieldErrors';
import { TriggerPicker } from './TriggerPicker';

const FIELDS = ['reason', 'scope', 'triggeredBy', 'emergency'] as const;

/** Checkboxes choosing the entities to roll back, with the scope's error. */
function ScopeField(props: {
  entityRefs: string[];
  scope: string[];
  onToggle: (ref: string) => void;
  error?: string;
}) {
  return (
    <Box marginTop={1} role="group" aria-label="Scope">
      <Typography variant="subtitle2">Entities to roll back</Typography>
      {props.entityRefs.map(ref => (
        <FormControlLabel
          key={ref}
          control={
            <Checkbox
              checked={props.scope.includes(ref)}
              onChange={() => props.onToggle(ref)}
            />
          }
          label={shortRef(ref)}
        />
      ))}
      {props.error && <FormHelperText error>{props.error}</FormHelperText>}
    </Box>
  );
}

/** Props of {@link RollbackDecisionForm}. */
export interface RollbackDecisionFormProps {
  release: Release;
  /** Changes when the release's issues or criteria may have: reloads them. */
  refreshKey?: number;
  /** Whether to offer the emergency fast path. */
  emergencyAllowed: boolean;
  onDecided: (status: ReleaseRollbackStatus) => void;
}

/**
 * The form deciding a rollback: reason (required), scope (the whole release
 * or some entities), the release's criteria and issues that triggered it,
 * and the emergency fast path when allowed. Checks the reason before
 * sending; the server's 400 shows next to the field it names.
 */
export function RollbackDecisionForm(props: RollbackDecisionFormProps) {
  const { release, emergencyAllowed, onDecided } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [reason, setReason] = useState('');
  const [scope, setScope] = useState<string[]>(release.entityRefs);
  const [triggers, setTriggers] = useState<RollbackTriggers>({
    criterionIds: [],
    issueIds: [],
  });
  const [emergency, setEmergency] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!reason.trim()) local.reason = 'reason: must not be blank';
    if (scope.length === 0) local.scope = 'scope: choose at least one entity';
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      onDecided(
        await api.decideRollback(release.id, {
          revision: release.revision,
          reason,
          triggeredBy: triggers,
          scope:
            scope.length === release.entityRefs.length
              ? 'release'
              : { entityRefs: scope },
          emergency,
        }),
      );
    } catch (error) {
      const message = errorMessage(error);
      const status = error instanceof ResponseError && error.statusCode;
      setErrors(
        status === 400 ? fieldErrors(message, FIELDS) : { '': message },
      );
    } finally {
      setBusy(false);
    }
  };

  const toggle = (ref: string) =>
    setScope(current =>
      current.includes(ref)
        ? current.filter(r => r !== ref)
        : [...current, ref],
    );

  return (
    <form onSubmit={submit} noValidate aria-label="Decide a rollback">
      {errors[''] && (
        <Alert severity="error" role="alert">
          {errors['']}
        </Alert>
      )}
      <TextField
        id="rollback-reason"
        label="Reason"
        required
        fullWidth
        multiline
        margin="dense"
        value={reason}
        onChange={e => setReason(e.target.value)}
        error={Boolean(errors.reason)}
        helperText={errors.reason}
      />
      <ScopeField
        entityRefs={release.entityRefs}
        scope={scope}
        onToggle={toggle}
        error={errors.scope}
      />
      <TriggerPicker
        release={release}
        refreshKey={props.refreshKey}
        value={triggers}
        onChange={setTriggers}
        error={errors.triggeredBy}
      />
      {emergencyAllowed && (
        <FormControlLabel
          control={
            <Checkbox
              checked={emergency}
              onChange={e => setEmergency(e.target.checked)}
            />
          }
          label="Emergency (fast path, audited)"
        />
      )}
      {errors.emergency && (
        <FormHelperText error>{errors.emergency}</FormHelperText>
      )}
      <Box marginTop={1}>
        <Button
          type="submit"
          variant="contained"
          color="secondary"
          disabled={busy}
        >
          Decide rollback
        </Button>
      </Box>
    </form>
  );
}
