import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import {
  CRITERION_COMPARATORS,
  Release,
  SuccessCriterion,
} from '@internal/plugin-release-coordination-common';
import { useEffect } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { FormDialog } from '../shared/FormDialog';
import {
  CriterionForm,
  criterionFormOf,
  validateCriterion,
} from './criterionForm';
import { useCriterionForm } from './useCriterionForm';

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
  const { form, setForm, restart, save, bind, dialogProps } = useCriterionForm({
    initial: () => criterionFormOf(criterion, release.ownerRef),
    idPrefix: 'criterion',
    fields: FIELDS,
    validate: validateCriterion,
  });
  useEffect(() => {
    if (open) restart(criterionFormOf(criterion, release.ownerRef));
  }, [open, criterion?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = () =>
    save(async body => {
      if (criterion) {
        await api.updateSuccessCriterion(release.id, criterion.id, {
          ...body,
          check: body.check ?? null,
        });
      } else {
        await api.addSuccessCriterion(release.id, body);
      }
      props.onSaved();
    });

  return (
    <FormDialog
      open={open}
      onClose={props.onClose}
      title={criterion ? 'Edit success criterion' : 'Add success criterion'}
      submitLabel={criterion ? 'Save' : 'Add'}
      {...dialogProps}
      onSubmit={submit}
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
