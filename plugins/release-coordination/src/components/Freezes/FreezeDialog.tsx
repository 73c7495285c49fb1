import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import {
  CreateFreezeInput,
  Freeze,
  RELEASE_TYPES,
} from '@internal/plugin-release-coordination-common';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import {
  DescriptionField,
  FormDialog,
  fieldSetter,
  GridTextField,
  textFieldBinder,
  useDialogForm,
  WindowFields,
} from '../shared/FormDialog';
import {
  changedFreezeFields,
  emptyFreezeForm,
  freezeToForm,
  SCOPE_LISTS,
  validateFreezeForm,
} from './freezeForm';
import {
  CheckboxGroup,
  FreezeRepeatFields,
  FreezeScopeFields,
} from './FreezeFormFields';

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

const EXEMPT_TYPE_OPTIONS = RELEASE_TYPES.map(type => ({
  value: type,
  label: type,
}));

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
  const { form, errors, submission } = dialog;

  const set = fieldSetter(dialog);
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
        <GridTextField label="Title" {...text('title')} />
        <DescriptionField minRows={2} {...text('description')} />
        <FreezeScopeFields state={dialog} text={text} />
        <WindowFields
          idPrefix="freeze"
          start={form.start}
          end={form.end}
          onChange={set}
          startError={errors.start}
          endError={errors.end}
        />
        <GridTextField
          sm={4}
          label="Time zone"
          placeholder="Europe/Berlin"
          {...text('timeZone')}
        />
        <FreezeRepeatFields state={dialog} text={text} />
        <Grid item xs={12}>
          <CheckboxGroup
            legend="Exempt types"
            options={EXEMPT_TYPE_OPTIONS}
            selected={form.exemptTypes}
            onChange={exemptTypes => set('exemptTypes', exemptTypes)}
            error={errors.exemptTypes}
            helperText="Releases of these types are not held back by the freeze."
          />
        </Grid>
      </Grid>
    </FormDialog>
  );
}
