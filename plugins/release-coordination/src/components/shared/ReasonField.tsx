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
