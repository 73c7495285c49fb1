import { useEffect, useState } from 'react';
import TextField from '@material-ui/core/TextField';

/**
 * The required, multi-line "Reason" input of an override dialog; says "Give a
 * reason" once touched while empty.
 */
export function ReasonField(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  touched: boolean;
  onBlur: () => void;
}) {
  const missing = props.touched && props.value.trim() === '';
  return (
    <TextField
      id={props.id}
      label="Reason"
      required
      multiline
      minRows={3}
      fullWidth
      variant="outlined"
      value={props.value}
      inputProps={{ maxLength: 2000 }}
      onChange={event => props.onChange(event.target.value)}
      onBlur={props.onBlur}
      error={missing}
      helperText={missing ? 'Give a reason' : undefined}
    />
  );
}

/**
 * The state of a {@link ReasonField}, empty and untouched again whenever the
 * dialog holding it opens.
 */
export function useReasonField(open: boolean) {
  const [value, setValue] = useState('');
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (open) {
      setValue('');
      setTouched(false);
    }
  }, [open]);
  return {
    /** The reason given, trimmed; empty when none is. */
    reason: value.trim(),
    /** The props of the field besides its id. */
    field: {
      value,
      onChange: setValue,
      touched,
      onBlur: () => setTouched(true),
    },
    /** Marks the field touched, as submitting does, so a missing reason shows. */
    touch: () => setTouched(true),
  };
}

/**
 * A free-text reason given with an action: "Reason (optional)" unless
 * labelled otherwise, multi-line unless `singleLine` (then dense).
 */
export function ActionReasonField(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  label?: string;
  singleLine?: boolean;
}) {
  const { singleLine } = props;
  return (
    <TextField
      id={props.id}
      label={props.label ?? 'Reason (optional)'}
      value={props.value}
      onChange={event => props.onChange(event.target.value)}
      multiline={!singleLine}
      minRows={singleLine ? undefined : 2}
      fullWidth
      margin={singleLine ? 'dense' : undefined}
    />
  );
}
