import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import {
  CRITERION_COMPARATORS,
  Release,
  SuccessCriterion,
} from '@internal/plugin-release-coordination-common';
import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { fieldError, FormDialog, useSubmission } from '../shared/FormDialog';
import {
  CriterionForm,
  criterionFormOf,
  serverErrors,
  validateCriterion,
} from './criterionForm';

/** The fields a 400 of the criterion routes may name. */
const FIELDS = [
  'text',
  'ownerRef',
  'check',
  'check.metric',
  'check.comparator',
  'check.threshold',
  'check.window',
];

/** Binds a field of the form to a text input (id, value, change, message). */
type Bind = (
  key: keyof CriterionForm,
  errorKey?: string,
) => Record<string, unknown>;

/** The inputs of a measurable check: metric, comparator, threshold, window. */
function CheckFields({ bind }: { bind: Bind }) {
  return (
    <>
      <Grid item xs={12} sm={6}>
        <TextField label="Metric" {...bind('metric', 'check.metric')} />
      </Grid>
      <Grid item xs={12} sm={6}>
        <TextField
          select
          label="Comparator"
          {...bind('comparator', 'check.comparator')}
          SelectProps={{ native: true }}
        >
          {CRITERION_COMPARATORS.map(comparator => (
            <option key={comparator} value={comparator}>
              {comparator}
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12} sm={6}>
        <TextField
          label="Threshold"
          inputProps={{ inputMode: 'decimal' }}
          {...bind('threshold', 'check.threshold')}
        />
      </Grid>
      <Grid item xs={12} sm={6}>
        <TextField
          label="Observation window (ISO 8601, e.g. PT4H)"
          {...bind('window', 'check.window')}
        />
      </Grid>
    </>
  );
}

/** Props of {@link CriterionDialog}. */
export interface CriterionDialogProps {
  open: boolean;
  release: Pick<Release, 'id' | 'ownerRef'>;
  /** The criterion to edit; a new one when absent. */
  criterion?: SuccessCriterion;
  onClose: () => void;
  onSaved: () => void;
}

/** Adds or edits a success criterion: text, owner and an optional measurable check. */
export function CriterionDialog(props: CriterionDialogProps) {
  const { open, release, criterion } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [form, setForm] = useState<CriterionForm>(() =>
    criterionFormOf(criterion, release.ownerRef),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const submission = useSubmission();
  const { reset } = submission;
  useEffect(() => {
    if (!open) return;
    setForm(criterionFormOf(criterion, release.ownerRef));
    setErrors({});
    setMessage(undefined);
    reset();
  }, [open, criterion?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = () => {
    const { body, errors: invalid } = validateCriterion(form);
    setErrors(invalid);
    setMessage(undefined);
    if (!body) return;
    submission.run(async () => {
      try {
        if (criterion) {
          await api.updateSuccessCriterion(release.id, criterion.id, {
            ...body,
            check: body.check ?? null,
          });
        } else {
          await api.addSuccessCriterion(release.id, body);
        }
        props.onSaved();
      } catch (error) {
        const split = serverErrors(error, FIELDS);
        setErrors(split.errors);
        setMessage(split.message);
      }
    });
  };
  const bind = (key: keyof CriterionForm, errorKey: string = key) => ({
    id: `criterion-${key}`,
    value: String(form[key]),
    onChange: (e: { target: { value: unknown } }) =>
      setForm(previous => ({ ...previous, [key]: String(e.target.value) })),
    fullWidth: true,
    ...fieldError(errors, errorKey),
  });

  return (
    <FormDialog
      open={open}
      onClose={props.onClose}
      title={criterion ? 'Edit success criterion' : 'Add success criterion'}
      submitLabel={criterion ? 'Save' : 'Add'}
      submission={submission}
      error={message}
      onSubmit={save}
      maxWidth="sm"
    >
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <TextField
            label="Criterion"
            required
            multiline
            minRows={2}
            {...bind('text')}
          />
        </Grid>
        <Grid item xs={12}>
          <TextField
            label="Owner (user or group ref)"
            required
            {...bind('ownerRef')}
          />
        </Grid>
        <Grid item xs={12}>
          <FormControlLabel
            control={
              <Checkbox
                id="criterion-measurable"
                checked={form.measurable}
                onChange={e =>
                  setForm(previous => ({
                    ...previous,
                    measurable: e.target.checked,
                  }))
                }
              />
            }
            label="Measurable check"
          />
        </Grid>
        {form.measurable && <CheckFields bind={bind} />}
      </Grid>
    </FormDialog>
  );
}
