import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Grid from '@material-ui/core/Grid';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  CriterionResult,
  SuccessCriterion,
} from '@internal/plugin-release-coordination-common';
import { useEffect } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { FormDialog } from '../shared/FormDialog';
import { useLinkSchemes } from '../shared/UserContent';
import { ResultForm, resultFormOf, validateResult } from './criterionForm';
import { useCriterionForm } from './useCriterionForm';
import { proposalText, RESULT_LABELS } from './criterionDisplay';

const FIELDS = ['result', 'evidence', 'observedValue', 'waiverReason'];

/** Props of {@link RecordResultDialog}. */
export interface RecordResultDialogProps {
  releaseId: string;
  /** The criterion to record; the dialog is closed without one. */
  criterion?: SuccessCriterion;
  onClose: () => void;
  onSaved: () => void;
}

/** Records a criterion as met, not met or waived, with evidence and the observed value. */
export function RecordResultDialog(props: RecordResultDialogProps) {
  const { releaseId, criterion } = props;
  const api = useApi(releaseCoordinationApiRef);
  const linkSchemes = useLinkSchemes();
  const empty: ResultForm = {
    result: '',
    evidence: '',
    observedValue: '',
    waiverReason: '',
  };
  const { form, setForm, errors, restart, save, bind, dialogProps } =
    useCriterionForm({
      initial: () => empty,
      idPrefix: 'criterion-result',
      fields: FIELDS,
      validate: (values: ResultForm) => validateResult(values, linkSchemes),
    });
  useEffect(() => {
    if (criterion) restart(resultFormOf(criterion));
  }, [criterion?.id]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!criterion) return null;

  const submit = () =>
    save(async body => {
      await api.recordCriterionResult(releaseId, criterion.id, body);
      props.onSaved();
    });
  const proposal = proposalText(criterion);

  return (
    <FormDialog
      open
      onClose={props.onClose}
      title="Record the result"
      submitLabel="Record"
      {...dialogProps}
      onSubmit={submit}
      maxWidth="sm"
    >
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <Typography variant="body1">{criterion.text}</Typography>
          {proposal && (
            <Typography variant="body2" color="textSecondary">
              {proposal}
            </Typography>
          )}
        </Grid>
        <Grid item xs={12}>
          <FormControl component="fieldset" error={Boolean(errors.result)}>
            <FormLabel component="legend">Result</FormLabel>
            <RadioGroup
              row
              name="criterion-result"
              value={form.result}
              onChange={e =>
                setForm(previous => ({
                  ...previous,
                  result: e.target.value as CriterionResult,
                }))
              }
            >
              {(Object.keys(RESULT_LABELS) as CriterionResult[]).map(value => (
                <FormControlLabel
                  key={value}
                  value={value}
                  control={<Radio />}
                  label={RESULT_LABELS[value]}
                />
              ))}
            </RadioGroup>
            {errors.result && <FormHelperText>{errors.result}</FormHelperText>}
          </FormControl>
        </Grid>
        <Grid item xs={12}>
          <TextField label="Evidence link" {...bind('evidence')} />
        </Grid>
        <Grid item xs={12}>
          <TextField label="Observed value" {...bind('observedValue')} />
        </Grid>
        {form.result === 'waived' && (
          <Grid item xs={12}>
            <TextField
              label="Why it is waived"
              required
              multiline
              minRows={2}
              {...bind('waiverReason')}
            />
          </Grid>
        )}
      </Grid>
    </FormDialog>
  );
}
