import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';

/** Props of {@link FilterField}. */
export interface FilterFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The choices as `[value, text]`; without them, a free text field. */
  options?: ReadonlyArray<readonly [string, string]>;
  placeholder?: string;
}

/** One filter of a list: a choice among options, or free text. */
export function FilterField(props: FilterFieldProps) {
  const { options, onChange, ...field } = props;
  return (
    <TextField
      {...field}
      select={Boolean(options)}
      onChange={e => onChange(e.target.value)}
      style={{ minWidth: 160 }}
    >
      {options?.map(([value, text]) => (
        <MenuItem key={value} value={value}>
          {text}
        </MenuItem>
      ))}
    </TextField>
  );
}
