import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Grid from '@material-ui/core/Grid';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import {
  DialogForm,
  fieldError,
  GridTextField,
  textFieldBinder,
} from '../shared/FormDialog';
import {
  FreezeFormState,
  RepeatMode,
  SCOPE_LISTS,
  WEEKDAYS,
  withRepeat,
} from './freezeForm';

/** What the field groups of the freeze form work on. */
export interface FreezeFieldsProps {
  state: DialogForm<FreezeFormState>;
  text: ReturnType<typeof textFieldBinder<FreezeFormState>>;
}

const REPEAT_OPTIONS: [RepeatMode, string][] = [
  ['none', 'Does not repeat'],
  ['weekly', 'Weekly on selected weekdays'],
  ['monthly', 'Monthly on the start date'],
  ['custom', 'Custom (RRULE)'],
];

const toggle = <T,>(items: T[], item: T, on: boolean) =>
  on ? [...items.filter(i => i !== item), item] : items.filter(i => i !== item);

/**
 * A row of checkboxes choosing some of the options, under a legend, with a
 * helper text (the error, if any) below.
 */
export function CheckboxGroup<T extends string>(props: {
  legend: string;
  options: readonly { value: T; label: string; ariaLabel?: string }[];
  selected: T[];
  onChange: (selected: T[]) => void;
  error?: string;
  helperText?: string;
}) {
  const { selected, error } = props;
  const helperText = error ?? props.helperText;
  return (
    <FormControl error={Boolean(error)} component="fieldset">
      <FormLabel component="legend">{props.legend}</FormLabel>
      <FormGroup row>
        {props.options.map(option => (
          <FormControlLabel
            key={option.value}
            label={option.label}
            control={
              <Checkbox
                checked={selected.includes(option.value)}
                onChange={e =>
                  props.onChange(
                    toggle(selected, option.value, e.target.checked),
                  )
                }
                inputProps={
                  option.ariaLabel
                    ? { 'aria-label': option.ariaLabel }
                    : undefined
                }
              />
            }
          />
        ))}
      </FormGroup>
      {helperText && <FormHelperText>{helperText}</FormHelperText>}
    </FormControl>
  );
}

/** The "Everything" switch and, when it is off, the scope lists. */
export function FreezeScopeFields(props: FreezeFieldsProps) {
  const { state, text } = props;
  const { form, errors } = state;
  return (
    <>
      <Grid item xs={12}>
        <FormControlLabel
          control={
            <Switch
              checked={form.all}
              onChange={e =>
                state.setForm(previous => ({
                  ...previous,
                  all: e.target.checked,
                }))
              }
              color="primary"
            />
          }
          label="Everything"
        />
        {errors.scope && <FormHelperText error>{errors.scope}</FormHelperText>}
      </Grid>
      {!form.all &&
        SCOPE_LISTS.map(([key, label, kind]) => (
          <GridTextField
            key={key}
            sm={6}
            label={label}
            placeholder={
              kind === 'entity'
                ? 'component:default/payments-api'
                : `${kind}:default/name or name`
            }
            {...text(key, `scope.${key}`)}
            helperText={errors[`scope.${key}`] ?? 'Separate with commas'}
          />
        ))}
    </>
  );
}

const WEEKDAY_OPTIONS = WEEKDAYS.map(([code, name]) => ({
  value: code as string,
  label: name.slice(0, 3),
  ariaLabel: name,
}));

/** How the freeze repeats: the mode, the RRULE or weekdays, and the exceptions. */
export function FreezeRepeatFields(props: FreezeFieldsProps) {
  const { state, text } = props;
  const { form, errors, setForm } = state;
  return (
    <>
      <Grid item xs={12} sm={6}>
        <TextField
          id="freeze-repeat"
          label="Repeats"
          select
          SelectProps={{ native: true }}
          value={form.repeat}
          onChange={e =>
            setForm(previous =>
              withRepeat(previous, e.target.value as RepeatMode),
            )
          }
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
        <GridTextField
          sm={6}
          label="RRULE"
          placeholder="FREQ=MONTHLY;BYMONTHDAY=-14"
          {...text('rrule')}
        />
      )}
      {form.repeat === 'weekly' && (
        <Grid item xs={12}>
          <CheckboxGroup
            legend="Repeat on"
            options={WEEKDAY_OPTIONS}
            selected={form.weekdays}
            onChange={weekdays =>
              setForm(previous => ({ ...previous, weekdays }))
            }
            error={errors.weekdays}
          />
        </Grid>
      )}
      {form.repeat !== 'none' && (
        <GridTextField
          label="Exceptions"
          placeholder="2026-12-25, 2027-01-01"
          {...text('exceptions')}
          helperText={
            errors.exceptions ??
            'Dates whose occurrence is skipped (YYYY-MM-DD), separated with commas'
          }
        />
      )}
    </>
  );
}
