import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormHelperText from '@material-ui/core/FormHelperText';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import Alert from '@material-ui/lab/Alert';
import {
  CHANGE_KINDS,
  ChangeKind,
  createReleaseRequestSchema,
  Release,
  RELEASE_TYPES,
  ReleaseType,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import { FormEvent, useEffect, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { errorMessage } from '../shared/format';

const LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm";

/** Props of {@link CreateReleaseDialog}. @public */
export interface CreateReleaseDialogProps {
  open: boolean;
  /** Called when the user cancels or presses Escape. */
  onClose: () => void;
  /** Called with the release the backend created. */
  onCreated: (release: Release) => void;
  /** Entities preselected in the form, e.g. the entity whose page is open. */
  initialEntityRefs?: string[];
  /** Owner preselected in the form. */
  initialOwnerRef?: string;
}

interface ChangeRow {
  kind: ChangeKind;
  title: string;
  link: string;
}

interface FormState {
  title: string;
  version: string;
  type: ReleaseType;
  start: string;
  end: string;
  entityRefs: string[];
  ownerRef: string;
  description: string;
  changes: ChangeRow[];
}

/** Default window: from the next full hour one day ahead, two hours long. */
export function defaultWindow(now: DateTime = DateTime.local()) {
  const start = now.startOf('hour').plus({ hours: 1, days: 1 });
  return {
    start: start.toFormat(LOCAL_FORMAT),
    end: start.plus({ hours: 2 }).toFormat(LOCAL_FORMAT),
  };
}

function initialState(entityRefs: string[], ownerRef?: string): FormState {
  return {
    title: '',
    version: '',
    type: 'normal',
    ...defaultWindow(),
    entityRefs,
    ownerRef: ownerRef ?? '',
    description: '',
    changes: [],
  };
}

/** A `datetime-local` value in the user's zone as an ISO timestamp, or undefined. */
function localToIso(value: string): string | undefined {
  const dt = DateTime.fromISO(value);
  return value && dt.isValid ? dt.toUTC().toISO() ?? undefined : undefined;
}

function shortRef(ref: string): string {
  try {
    const { kind, namespace, name } = parseEntityRef(ref);
    return namespace === 'default'
      ? `${kind}:${name}`
      : `${kind}:${namespace}/${name}`;
  } catch {
    return ref;
  }
}

/** Human messages for the schema's terse ones. */
function issueMessage(issue: {
  code: string;
  message: string;
  minimum?: unknown;
  origin?: string;
}): string {
  if (issue.code === 'too_small' && Number(issue.minimum) === 1) {
    return issue.origin === 'array' ? 'Add at least one entity' : 'Required';
  }
  return issue.message;
}

/**
 * Validates the form with the shared schema, returning the request body or the
 * first message for each field (`title`, `window.start`, `changes.0.link`, …).
 */
function validate(form: FormState) {
  const errors: Record<string, string> = {};
  const start = localToIso(form.start);
  const end = localToIso(form.end);
  const body = {
    title: form.title,
    version: form.version,
    type: form.type,
    window: { start: start ?? form.start, end: end ?? form.end },
    entityRefs: form.entityRefs,
    ...(form.ownerRef.trim() ? { ownerRef: form.ownerRef.trim() } : {}),
    description: form.description,
    changes: form.changes.map(change => ({
      kind: change.kind,
      title: change.title,
      ...(change.link.trim() ? { link: change.link.trim() } : {}),
    })),
  };
  const result = createReleaseRequestSchema.safeParse(body);
  if (!result.success) {
    for (const issue of result.error.issues) {
      let key = issue.path.map(String).join('.');
      if (key.startsWith('entityRefs.')) key = 'entityRefs';
      errors[key] ??= issueMessage(issue as any);
    }
  }
  if (!start) errors['window.start'] = 'Enter a date and time';
  if (!end) errors['window.end'] = 'Enter a date and time';
  if (!result.success || Object.keys(errors).length > 0) {
    return { body: undefined, errors };
  }
  return { body: result.data, errors };
}

/**
 * A dialog creating a release: title, version, type, window, entities, owner,
 * Markdown description and change inventory, validated with the shared schema.
 *
 * @public
 */
export function CreateReleaseDialog(props: CreateReleaseDialogProps) {
  const { open, onClose, onCreated, initialEntityRefs, initialOwnerRef } =
    props;
  const api = useApi(releaseCoordinationApiRef);
  const [form, setForm] = useState<FormState>(() =>
    initialState(initialEntityRefs ?? [], initialOwnerRef),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const [newEntityRef, setNewEntityRef] = useState('');

  // A fresh form every time the dialog opens.
  const initialKey = JSON.stringify([initialEntityRefs, initialOwnerRef]);
  useEffect(() => {
    if (open) {
      const [refs, owner] = JSON.parse(initialKey);
      setForm(initialState(refs ?? [], owner ?? undefined));
      setErrors({});
      setSubmitError(undefined);
      setNewEntityRef('');
    }
  }, [open, initialKey]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm(previous => ({ ...previous, [key]: value }));
  const setChange = (index: number, change: Partial<ChangeRow>) =>
    set(
      'changes',
      form.changes.map((c, i) => (i === index ? { ...c, ...change } : c)),
    );

  const addEntity = () => {
    const ref = newEntityRef.trim();
    if (ref && !form.entityRefs.includes(ref)) {
      set('entityRefs', [...form.entityRefs, ref]);
    }
    setNewEntityRef('');
  };

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const result = validate(form);
    setErrors(result.errors);
    setSubmitError(undefined);
    if (!result.body) return;
    setSubmitting(true);
    try {
      const release = await api.createRelease(result.body);
      onCreated(release);
    } catch (e) {
      setSubmitError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  const field = (key: string) => ({
    error: Boolean(errors[key]),
    helperText: errors[key],
  });
  const otherErrors = Object.entries(errors).filter(
    ([key]) =>
      ![
        'title',
        'version',
        'type',
        'window.start',
        'window.end',
        'entityRefs',
        'ownerRef',
        'description',
      ].includes(key) && !key.startsWith('changes.'),
  );

  return (
    <Dialog
      open={open}
      onClose={submitting ? undefined : onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="create-release-dialog-title"
    >
      <form onSubmit={handleSubmit} noValidate>
        <DialogTitle id="create-release-dialog-title">
          Create release
        </DialogTitle>
        <DialogContent>
          {submitError && (
            <Box marginBottom={2}>
              <Alert severity="error" role="alert">
                {submitError}
              </Alert>
            </Box>
          )}
          {otherErrors.map(([key, message]) => (
            <Alert key={key} severity="error">
              {key ? `${key}: ${message}` : message}
            </Alert>
          ))}
          <Grid container spacing={2}>
            <Grid item xs={12} sm={8}>
              <TextField
                id="release-title"
                label="Title"
                value={form.title}
                onChange={e => set('title', e.target.value)}
                fullWidth
                {...field('title')}
              />
            </Grid>
            <Grid item xs={12} sm={4}>
              <TextField
                id="release-version"
                label="Version"
                value={form.version}
                onChange={e => set('version', e.target.value)}
                fullWidth
                {...field('version')}
              />
            </Grid>
            <Grid item xs={12} sm={4}>
              <TextField
                id="release-type"
                label="Type"
                select
                SelectProps={{ native: true }}
                value={form.type}
                onChange={e => set('type', e.target.value as ReleaseType)}
                fullWidth
                {...field('type')}
              >
                {RELEASE_TYPES.map(type => (
                  <option key={type} value={type}>
                    {type}
                  </option>
                ))}
              </TextField>
            </Grid>
            <Grid item xs={12} sm={4}>
              <TextField
                id="release-start"
                label="Start"
                type="datetime-local"
                value={form.start}
                onChange={e => set('start', e.target.value)}
                InputLabelProps={{ shrink: true }}
                fullWidth
                {...field('window.start')}
              />
            </Grid>
            <Grid item xs={12} sm={4}>
              <TextField
                id="release-end"
                label="End"
                type="datetime-local"
                value={form.end}
                onChange={e => set('end', e.target.value)}
                InputLabelProps={{ shrink: true }}
                fullWidth
                {...field('window.end')}
              />
            </Grid>
            <Grid item xs={12}>
              <Typography variant="subtitle2" component="h3">
                Entities
              </Typography>
              <Box
                display="flex"
                flexWrap="wrap"
                alignItems="center"
                style={{ gap: 8 }}
                marginY={1}
              >
                {form.entityRefs.map(ref => (
                  <Chip
                    key={ref}
                    label={shortRef(ref)}
                    title={ref}
                    onDelete={() =>
                      set(
                        'entityRefs',
                        form.entityRefs.filter(r => r !== ref),
                      )
                    }
                  />
                ))}
                <TextField
                  id="release-add-entity"
                  label="Add entity"
                  placeholder="component:default/my-service"
                  size="small"
                  value={newEntityRef}
                  onChange={e => setNewEntityRef(e.target.value)}
                  onKeyDown={e => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      addEntity();
                    }
                  }}
                />
                <Button
                  size="small"
                  onClick={addEntity}
                  disabled={!newEntityRef.trim()}
                >
                  Add
                </Button>
              </Box>
              {errors.entityRefs && (
                <FormHelperText error>{errors.entityRefs}</FormHelperText>
              )}
            </Grid>
            <Grid item xs={12}>
              <TextField
                id="release-owner"
                label="Owner group (optional)"
                placeholder="group:default/my-team"
                value={form.ownerRef}
                onChange={e => set('ownerRef', e.target.value)}
                fullWidth
                {...field('ownerRef')}
              />
            </Grid>
            <Grid item xs={12}>
              <TextField
                id="release-description"
                label="Description"
                placeholder="Markdown"
                value={form.description}
                onChange={e => set('description', e.target.value)}
                multiline
                minRows={4}
                fullWidth
                {...field('description')}
              />
            </Grid>
            <Grid item xs={12}>
              <Typography variant="subtitle2" component="h3">
                Changes
              </Typography>
              {form.changes.map((change, index) => (
                <Box
                  key={index}
                  display="flex"
                  alignItems="flex-start"
                  style={{ gap: 8 }}
                  marginY={1}
                >
                  <TextField
                    id={`release-change-${index}-kind`}
                    label="Kind"
                    select
                    SelectProps={{ native: true }}
                    value={change.kind}
                    onChange={e =>
                      setChange(index, { kind: e.target.value as ChangeKind })
                    }
                    style={{ minWidth: 130 }}
                    {...field(`changes.${index}.kind`)}
                  >
                    {CHANGE_KINDS.map(kind => (
                      <option key={kind} value={kind}>
                        {kind}
                      </option>
                    ))}
                  </TextField>
                  <TextField
                    id={`release-change-${index}-title`}
                    label="Summary"
                    value={change.title}
                    onChange={e => setChange(index, { title: e.target.value })}
                    style={{ flex: 2 }}
                    {...field(`changes.${index}.title`)}
                  />
                  <TextField
                    id={`release-change-${index}-link`}
                    label="Link"
                    value={change.link}
                    onChange={e => setChange(index, { link: e.target.value })}
                    style={{ flex: 2 }}
                    {...field(`changes.${index}.link`)}
                  />
                  <IconButton
                    aria-label={`Remove change ${index + 1}`}
                    onClick={() =>
                      set(
                        'changes',
                        form.changes.filter((_, i) => i !== index),
                      )
                    }
                  >
                    <DeleteIcon />
                  </IconButton>
                </Box>
              ))}
              <Button
                size="small"
                onClick={() =>
                  set('changes', [
                    ...form.changes,
                    { kind: 'feature', title: '', link: '' },
                  ])
                }
              >
                Add change
              </Button>
            </Grid>
          </Grid>
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
            startIcon={submitting ? <CircularProgress size={16} /> : undefined}
          >
            Create
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
