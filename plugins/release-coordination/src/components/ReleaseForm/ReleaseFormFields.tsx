import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
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
  RELEASE_TYPES,
  shortRef,
} from '@internal/plugin-release-coordination-common';
import { useApi } from '@backstage/core-plugin-api';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import {
  DialogForm,
  fieldError,
  DescriptionField,
  FormDialog,
  FormDialogProps,
  Submission,
  fieldSetter,
  textFieldBinder,
  WindowFields,
} from '../shared/FormDialog';
import {
  ChangeRow,
  RELEASE_FORM_FIELDS,
  ReleaseFormState,
} from './releaseForm';
import { SlotSuggestions } from './SlotSuggestions';
import { useWindowCheck } from './useWindowCheck';
import { WindowCheckNotice } from './WindowCheckNotice';
import { DateTime } from 'luxon';
import { Cluster } from '../shared/Cluster';

/** Props of {@link ReleaseFormFields}. */
export interface ReleaseFormFieldsProps extends DialogForm<ReleaseFormState> {
  /** Also show the entities and the owner (creating); editing leaves them out. */
  withEntities?: boolean;
  /** The release being edited, left out of the live window check. */
  releaseId?: string;
}

function EntitiesField(props: {
  entityRefs: string[];
  error?: string;
  onChange: (refs: string[]) => void;
}) {
  const { entityRefs, onChange } = props;
  const [newEntityRef, setNewEntityRef] = useState('');
  const addEntity = () => {
    const ref = newEntityRef.trim();
    if (ref && !entityRefs.includes(ref)) onChange([...entityRefs, ref]);
    setNewEntityRef('');
  };
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        Entities
      </Typography>
      <Cluster marginY={1}>
        {entityRefs.map(ref => (
          <Chip
            key={ref}
            label={shortRef(ref)}
            title={ref}
            onDelete={() => onChange(entityRefs.filter(r => r !== ref))}
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
      </Cluster>
      {props.error && <FormHelperText error>{props.error}</FormHelperText>}
    </>
  );
}

function ChangesField(props: {
  changes: ChangeRow[];
  errors: Record<string, string>;
  onChange: (changes: ChangeRow[]) => void;
}) {
  const { changes, errors, onChange } = props;
  const setChange = (index: number, change: Partial<ChangeRow>) =>
    onChange(changes.map((c, i) => (i === index ? { ...c, ...change } : c)));
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        Changes
      </Typography>
      {changes.map((change, index) => (
        <Cluster key={index} wrap={false} alignItems="flex-start" marginY={1}>
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
            {...fieldError(errors, `changes.${index}.kind`)}
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
            {...fieldError(errors, `changes.${index}.title`)}
          />
          <TextField
            id={`release-change-${index}-link`}
            label="Link"
            value={change.link}
            onChange={e => setChange(index, { link: e.target.value })}
            style={{ flex: 2 }}
            {...fieldError(errors, `changes.${index}.link`)}
          />
          <IconButton
            aria-label={`Remove change ${index + 1}`}
            onClick={() => onChange(changes.filter((_, i) => i !== index))}
          >
            <DeleteIcon />
          </IconButton>
        </Cluster>
      ))}
      <Button
        size="small"
        onClick={() =>
          onChange([...changes, { kind: 'feature', title: '', link: '' }])
        }
      >
        Add change
      </Button>
    </>
  );
}

/**
 * The declared standard change a standard release follows, chosen from those
 * the backend lists, with what each one covers.
 */
function StandardChangeField(props: {
  value: string;
  error?: string;
  onChange: (id: string) => void;
}) {
  const { value, error, onChange } = props;
  const api = useApi(releaseCoordinationApiRef);
  const {
    value: declared,
    loading,
    error: loadError,
  } = useAsync(() => api.listStandardChanges(), [api]);
  const chosen = declared?.find(d => d.id === value);
  let help = error;
  if (!help && loadError) {
    help = `Could not load the standard changes: ${loadError.message}`;
  } else if (!help && declared?.length === 0) {
    help =
      'No standard changes are declared (releaseCoordination.standardChanges), so no release can be standard';
  } else if (!help && chosen) {
    help = `Covers ${chosen.entityRefs
      .map(ref => shortRef(ref))
      .join(', ')}; changes of kind ${chosen.changeKinds.join(', ')}`;
  }
  return (
    <TextField
      id="release-standardChangeId"
      label="Standard change"
      select
      fullWidth
      required
      disabled={loading}
      SelectProps={{ native: true }}
      value={value}
      onChange={event => onChange(event.target.value)}
      error={Boolean(error)}
      helperText={help ?? 'Pre-approved for the entities and kinds it names'}
    >
      <option value="">{loading ? 'Loading…' : 'Choose…'}</option>
      {(declared ?? []).map(d => (
        <option key={d.id} value={d.id}>
          {d.title}
        </option>
      ))}
    </TextField>
  );
}

/**
 * The window of a release with its time zone, the live check of its
 * conflicts and the scheduling assistant's free slots (asked for without a
 * click while the window conflicts).
 */
function WindowSection(props: ReleaseFormFieldsProps) {
  const { form, setForm, errors, releaseId } = props;
  const set = fieldSetter(props);
  const check = useWindowCheck({ ...form, releaseId });
  return (
    <>
      <WindowFields
        idPrefix="release"
        start={form.start}
        end={form.end}
        onChange={set}
        startError={errors['window.start']}
        endError={errors['window.end']}
      />
      <Grid item xs={12} sm={4}>
        <Typography
          variant="caption"
          color="textSecondary"
          component="p"
          style={{ paddingTop: 20 }}
        >
          Times in {DateTime.local().zoneName}
        </Typography>
      </Grid>
      <Grid item xs={12}>
        <WindowCheckNotice check={check} />
      </Grid>
      <Grid item xs={12}>
        <SlotSuggestions
          autoSuggest={check.status === 'blocked'}
          entityRefs={form.entityRefs}
          start={form.start}
          end={form.end}
          type={form.type}
          onChoose={window => setForm(previous => ({ ...previous, ...window }))}
        />
      </Grid>
    </>
  );
}

/**
 * The fields of a release, shared by the create and edit dialogs: title,
 * version, type, window, (entities and owner,) description and changes, each
 * with its validation message.
 */
export function ReleaseFormFields(props: ReleaseFormFieldsProps) {
  const { form, errors, withEntities } = props;
  const set = fieldSetter(props);
  const text = textFieldBinder(props, 'release');
  const otherErrors = Object.entries(errors).filter(
    ([key]) =>
      !RELEASE_FORM_FIELDS.includes(key) && !key.startsWith('changes.'),
  );

  return (
    <>
      {otherErrors.map(([key, message]) => (
        <Alert key={key} severity="error">
          {key ? `${key}: ${message}` : message}
        </Alert>
      ))}
      <Grid container spacing={2}>
        <Grid item xs={12} sm={8}>
          <TextField label="Title" {...text('title')} />
        </Grid>
        <Grid item xs={12} sm={4}>
          <TextField label="Version" {...text('version')} />
        </Grid>
        <Grid item xs={12} sm={4}>
          <TextField
            label="Type"
            select
            SelectProps={{ native: true }}
            {...text('type')}
          >
            {RELEASE_TYPES.map(type => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </TextField>
        </Grid>
        {form.type === 'standard' && (
          <Grid item xs={12} sm={8}>
            <StandardChangeField
              value={form.standardChangeId}
              error={errors.standardChangeId}
              onChange={id => set('standardChangeId', id)}
            />
          </Grid>
        )}
        <WindowSection {...props} />
        {withEntities && (
          <>
            <Grid item xs={12}>
              <EntitiesField
                entityRefs={form.entityRefs}
                error={errors.entityRefs}
                onChange={refs => set('entityRefs', refs)}
              />
            </Grid>
            <Grid item xs={12}>
              <TextField
                label="Owner group (optional)"
                placeholder="group:default/my-team"
                {...text('ownerRef')}
              />
            </Grid>
          </>
        )}
        <DescriptionField minRows={4} {...text('description')} />
        <Grid item xs={12}>
          <TextField
            label="Rollback plan"
            placeholder="How to undo the release (Markdown)"
            multiline
            minRows={2}
            {...text('rollbackPlan')}
            helperText={
              errors.rollbackPlan ??
              'Readiness checks that the release has a rollback plan'
            }
          />
        </Grid>
        <Grid item xs={12}>
          <ChangesField
            changes={form.changes}
            errors={errors}
            onChange={changes => set('changes', changes)}
          />
        </Grid>
      </Grid>
    </>
  );
}

/**
 * A dialog around the release fields, shared by creating and editing: `dialog`
 * is the form state from `useDialogForm`.
 */
export function ReleaseFormDialog(
  props: Omit<FormDialogProps, 'children' | 'submission'> & {
    dialog: DialogForm<ReleaseFormState> & { submission: Submission };
    withEntities?: boolean;
    releaseId?: string;
  },
) {
  const { dialog, withEntities, releaseId, ...dialogProps } = props;
  return (
    <FormDialog {...dialogProps} submission={dialog.submission}>
      <ReleaseFormFields
        {...dialog}
        withEntities={withEntities}
        releaseId={releaseId}
      />
    </FormDialog>
  );
}
