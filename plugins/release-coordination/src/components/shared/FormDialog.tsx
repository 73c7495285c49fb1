import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import Grid, { GridSize } from '@material-ui/core/Grid';
import TextField, { StandardTextFieldProps } from '@material-ui/core/TextField';
import {
  ChangeEvent,
  Dispatch,
  FormEvent,
  ReactNode,
  SetStateAction,
  useEffect,
  useId,
  useState,
} from 'react';
import { errorMessage } from './format';

/** Props of {@link FormDialog}. */
export interface FormDialogProps {
  open: boolean;
  /** Called when the user cancels or presses Escape (not while submitting). */
  onClose: () => void;
  title: string;
  submitLabel: string;
  /** The submission's state, from {@link useSubmission}. */
  submission: Submission;
  /** Called on submit (the button or Enter in a field), not while submitting. */
  onSubmit: () => void;
  /** Shown above the fields instead of the submission's failure. */
  error?: string;
  /** A button or link next to the error, e.g. "Reload". */
  errorAction?: ReactNode;
  maxWidth?: 'sm' | 'md';
  children: ReactNode;
}

/**
 * A dialog around a form: title, an error alert, the fields, and Cancel and
 * submit buttons; Enter in a field submits.
 */
export function FormDialog(props: FormDialogProps) {
  const { open, onClose, title, submitLabel, submission } = props;
  const { submitting } = submission;
  const titleId = useId();
  const error = props.error ?? submission.message;
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!submitting) props.onSubmit();
  };
  return (
    <Dialog
      open={open}
      onClose={submitting ? undefined : onClose}
      maxWidth={props.maxWidth ?? 'md'}
      fullWidth
      aria-labelledby={titleId}
    >
      <form onSubmit={handleSubmit} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          {error && (
            <Box marginBottom={2}>
              <Alert severity="error" role="alert" action={props.errorAction}>
                {error}
              </Alert>
            </Box>
          )}
          {props.children}
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
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** What {@link useSubmission} returns. */
export type Submission = ReturnType<typeof useSubmission>;

/**
 * The state of a form's submission: whether it runs and how the last one
 * failed (the error itself, so callers can tell a 409 from others).
 */
export function useSubmission() {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async (action: () => Promise<void>) => {
    setSubmitting(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setSubmitting(false);
    }
  };
  return {
    submitting,
    error,
    message: error === undefined ? undefined : errorMessage(error),
    reset: () => setError(undefined),
    run,
  };
}

/** The props making a text field show a validation message under itself. */
export function fieldError(errors: Record<string, string>, key: string) {
  return { error: Boolean(errors[key]), helperText: errors[key] };
}

/** The result of validating a form: the request body, or messages by field. */
export interface FormValidation<B> {
  body?: B;
  errors: Record<string, string>;
}

/**
 * The state of a form in a dialog: its values, their validation messages and
 * the submission. It starts afresh from `init` whenever the dialog opens or
 * `resetKey` changes while open; `check` validates and returns the body.
 */
export function useDialogForm<F, B>(options: {
  open: boolean;
  resetKey: string;
  init: () => F;
  validate: (form: F) => FormValidation<B>;
}) {
  const { open, resetKey, init, validate } = options;
  const [form, setForm] = useState<F>(init);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submission = useSubmission();
  const { reset } = submission;
  useEffect(() => {
    if (open) {
      setForm(init());
      setErrors({});
      reset();
    }
  }, [open, resetKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const check = (): B | undefined => {
    const result = validate(form);
    setErrors(result.errors);
    reset();
    return result.body;
  };
  return {
    form,
    setForm: setForm as Dispatch<SetStateAction<F>>,
    errors,
    submission,
    check,
  };
}

/** What {@link useDialogForm} returns. */
export interface DialogForm<F> {
  form: F;
  setForm: Dispatch<SetStateAction<F>>;
  errors: Record<string, string>;
}

/** A function setting one field of the form to a value. */
export function fieldSetter<F>(state: Pick<DialogForm<F>, 'setForm'>) {
  return <K extends keyof F>(key: K, value: F[K]) =>
    state.setForm(previous => ({ ...previous, [key]: value }));
}

/**
 * A function giving the props of a full-width text input bound to a string
 * field of the form: id (`<idPrefix>-<key>`), value, change handler and
 * validation message (of `errorKey`, by default the key).
 */
export function textFieldBinder<F>(state: DialogForm<F>, idPrefix: string) {
  return (key: keyof F & string, errorKey: string = key) => ({
    id: `${idPrefix}-${key}`,
    value: String(state.form[key] ?? ''),
    onChange: (e: ChangeEvent<{ value: unknown }>) =>
      state.setForm(previous => ({ ...previous, [key]: e.target.value })),
    fullWidth: true,
    ...fieldError(state.errors, errorKey),
  });
}

/**
 * A text input of a form in a grid item: the whole row on phones and `sm` of
 * the grid's 12 columns from small screens on (the whole row by default).
 */
export function GridTextField(
  props: StandardTextFieldProps & { sm?: GridSize },
) {
  const { sm = 12, ...field } = props;
  return (
    <Grid item xs={12} sm={sm}>
      <TextField {...field} />
    </Grid>
  );
}

/** The multi-line Markdown "Description" input of a form, in a full-width grid item. */
export function DescriptionField(props: StandardTextFieldProps) {
  return (
    <GridTextField
      label="Description"
      placeholder="Markdown"
      multiline
      {...props}
    />
  );
}

/**
 * A `datetime-local` input with its label above it and its validation
 * message under it.
 */
export function DateTimeField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <TextField
      id={props.id}
      label={props.label}
      type="datetime-local"
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      InputLabelProps={{ shrink: true }}
      fullWidth
      error={Boolean(props.error)}
      helperText={props.error}
    />
  );
}

/** Start and End `datetime-local` inputs, each in a grid item. */
export function WindowFields(props: {
  idPrefix: string;
  start: string;
  end: string;
  onChange: (field: 'start' | 'end', value: string) => void;
  startError?: string;
  endError?: string;
}) {
  const { idPrefix, onChange } = props;
  return (
    <>
      {(['start', 'end'] as const).map(key => (
        <Grid item xs={12} sm={4} key={key}>
          <DateTimeField
            id={`${idPrefix}-${key}`}
            label={key === 'start' ? 'Start' : 'End'}
            value={props[key]}
            onChange={value => onChange(key, value)}
            error={key === 'start' ? props.startError : props.endError}
          />
        </Grid>
      ))}
    </>
  );
}

/** Options of the plugin's plain tables: no paging, search, sorting or dragging. */
export const PLAIN_TABLE_OPTIONS = {
  paging: false,
  search: false,
  sorting: false,
  padding: 'dense',
  draggable: false,
} as const;
