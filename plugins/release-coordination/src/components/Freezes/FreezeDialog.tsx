import { useApi } from '@backstage/core-plugin-api';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Grid from '@material-ui/core/Grid';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  CreateFreezeInput,
  Freeze,
  RELEASE_TYPES,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import {
  fieldError,
  FormDialog,
  textFieldBinder,
  useDialogForm,
  WindowFields,
} from '../shared/FormDialog';
import {
  changedFreezeFields,
  emptyFreezeForm,
  FreezeFormState,
  freezeToForm,
  RepeatMode,
  SCOPE_LISTS,
  validateFreezeForm,
  WEEKDAYS,
} from './freezeForm';

/** Props of {@link FreezeDialog}. @public */
export interface FreezeDialogProps {
  open: boolean;
  /** The freeze to edit; a new freeze when absent. */
  freeze?: Freeze;
  /** Called when the user cancels or presses Escape. */
  onClose: () => void;
  /** Called with the freeze the backend saved. */
  onSaved: (freeze: Freeze) => void;
}

/** The fields the dialog shows messages under; others are listed above the form. */
const SHOWN_FIELDS = [
  'title',
  'description',
  'scope',
  ...SCOPE_LISTS.map(([key]) => `scope.${key}`),
  'start',
  'end',
  'timeZone',
  'rrule',
  'weekdays',
  'exceptions',
  'exemptTypes',
];

const REPEAT_OPTIONS: [RepeatMode, string][] = [
  ['none', 'Does not repeat'],
  ['weekly', 'Weekly on selected weekdays'],
  ['monthly', 'Monthly on the start date'],
  ['custom', 'Custom (RRULE)'],
];

const toggle = <T,>(items: T[], item: T, on: boolean) =>
  on ? [...items.filter(i => i !== item), item] : items.filter(i => i !== item);

/**
 * A dialog creating or editing a freeze: title, description, scope, window in a
 * time zone, how it repeats (weekly, monthly or an RRULE) with exceptions, and
 * the release types it exempts. Validated with the shared schema; an edit
 * sends only the changed fields with the freeze's revision.
 *
 * @public
 */
export function FreezeDialog(props: FreezeDialogProps) {
  const { open, freeze, onClose, onSaved } = props;
  const api = useApi(releaseCoordinationApiRef);
  const dialog = useDialogForm({
    open,
    // Reloading the freeze (a new revision) resets the form to its values.
    resetKey: `${freeze?.id}:${freeze?.revision}`,
    init: () => (freeze ? freezeToForm(freeze) : emptyFreezeForm()),
    validate: validateFreezeForm,
  });
  const { form, setForm, errors, submission } = dialog;

  const set = <K extends keyof FreezeFormState>(
    key: K,
    value: FreezeFormState[K],
  ) => setForm(previous => ({ ...previous, [key]: value }));
  const text = textFieldBinder(dialog, 'freeze');

  const save = async (body: CreateFreezeInput) => {
    if (!freeze) {
      onSaved(await api.createFreeze(body));
      return;
    }
    const changes = changedFreezeFields(freeze, body);
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    const revision = freeze.revision;
    onSaved(await api.updateFreeze(freeze.id, { revision, ...changes }));
  };
  const handleSubmit = () => {
    const body = dialog.check();
    if (body) submission.run(() => save(body));
  };

  const setRepeat = (repeat: RepeatMode) =>
    setForm(previous => {
      const start = DateTime.fromISO(previous.start);
      // Weekly starts out on the start's weekday, which the rule must include.
      const weekdays =
        repeat === 'weekly' && start.isValid
          ? [WEEKDAYS[start.weekday - 1][0]]
          : previous.weekdays;
      return { ...previous, repeat, weekdays };
    });

  const otherErrors = Object.entries(errors).filter(
    ([key]) => !SHOWN_FIELDS.includes(key),
  );

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={freeze ? 'Edit freeze' : 'New freeze'}
      submitLabel={freeze ? 'Save' : 'Create'}
      submission={submission}
      onSubmit={handleSubmit}
    >
      {otherErrors.map(([key, message]) => (
        <Alert key={key} severity="error">
          {key ? `${key}: ${message}` : message}
        </Alert>
      ))}
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <TextField label="Title" {...text('title')} />
        </Grid>
        <Grid item xs={12}>
          <TextField
            label="Description"
            placeholder="Markdown"
            multiline
            minRows={2}
            {...text('description')}
          />
        </Grid>
        <Grid item xs={12}>
          <FormControlLabel
            control={
              <Switch
                checked={form.all}
                onChange={e => set('all', e.target.checked)}
                color="primary"
              />
            }
            label="Everything"
          />
          {errors.scope && (
            <FormHelperText error>{errors.scope}</FormHelperText>
          )}
        </Grid>
        {!form.all &&
          SCOPE_LISTS.map(([key, label, kind]) => (
            <Grid item xs={12} sm={6} key={key}>
              <TextField
                label={label}
                placeholder={
                  kind === 'entity'
                    ? 'component:default/payments-api'
                    : `${kind}:default/name or name`
                }
                {...text(key, `scope.${key}`)}
                helperText={errors[`scope.${key}`] ?? 'Separate with commas'}
              />
            </Grid>
          ))}
        <WindowFields
          idPrefix="freeze"
          start={form.start}
          end={form.end}
          onChange={set}
          startError={errors.start}
          endError={errors.end}
        />
        <Grid item xs={12} sm={4}>
          <TextField
            label="Time zone"
            placeholder="Europe/Berlin"
            {...text('timeZone')}
          />
        </Grid>
        <Grid item xs={12} sm={6}>
          <TextField
            id="freeze-repeat"
            label="Repeats"
            select
            SelectProps={{ native: true }}
            value={form.repeat}
            onChange={e => setRepeat(e.target.value as RepeatMode)}
            fullWidth
            {...(form.repeat !== 'custom' ? fieldError(errors, 'rrule') : {})}
          >
            {REPEAT_OPTIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </TextField>
        </Grid>
        {form.repeat === 'custom' && (
          <Grid item xs={12} sm={6}>
            <TextField
              label="RRULE"
              placeholder="FREQ=MONTHLY;BYMONTHDAY=-14"
              {...text('rrule')}
            />
          </Grid>
        )}
        {form.repeat === 'weekly' && (
          <Grid item xs={12}>
            <FormControl error={Boolean(errors.weekdays)} component="fieldset">
              <FormLabel component="legend">Repeat on</FormLabel>
              <FormGroup row>
                {WEEKDAYS.map(([code, name]) => (
                  <FormControlLabel
                    key={code}
                    label={name.slice(0, 3)}
                    control={
                      <Checkbox
                        checked={form.weekdays.includes(code)}
                        onChange={e =>
                          set(
                            'weekdays',
                            toggle(form.weekdays, code, e.target.checked),
                          )
                        }
                        inputProps={{ 'aria-label': name }}
                      />
                    }
                  />
                ))}
              </FormGroup>
              {errors.weekdays && (
                <FormHelperText>{errors.weekdays}</FormHelperText>
              )}
            </FormControl>
          </Grid>
        )}
        {form.repeat !== 'none' && (
          <Grid item xs={12}>
            <TextField
              label="Exceptions"
              placeholder="2026-12-25, 2027-01-01"
              {...text('exceptions')}
              helperText={
                errors.exceptions ??
                'Dates whose occurrence is skipped (YYYY-MM-DD), separated with commas'
              }
            />
          </Grid>
        )}
        <Grid item xs={12}>
          <FormControl error={Boolean(errors.exemptTypes)} component="fieldset">
            <FormLabel component="legend">Exempt types</FormLabel>
            <FormGroup row>
              {RELEASE_TYPES.map(type => (
                <FormControlLabel
                  key={type}
                  label={type}
                  control={
                    <Checkbox
                      checked={form.exemptTypes.includes(type)}
                      onChange={e =>
                        set(
                          'exemptTypes',
                          toggle(form.exemptTypes, type, e.target.checked),
                        )
                      }
                    />
                  }
                />
              ))}
            </FormGroup>
            <FormHelperText>
              {errors.exemptTypes ??
                'Releases of these types are not held back by the freeze.'}
            </FormHelperText>
          </FormControl>
        </Grid>
      </Grid>
    </FormDialog>
  );
}
