import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';

/** One choice of a {@link ChoiceToggle}. */
export interface Choice<T extends string> {
  value: T;
  label: string;
  /** The button's accessible name; its label by default. */
  ariaLabel?: string;
}

/**
 * A small exclusive toggle between a few choices (a view, a grouping); pressing
 * the chosen one again keeps it chosen.
 */
export function ChoiceToggle<T extends string>(props: {
  /** The accessible name of the group. */
  label: string;
  value: T;
  choices: readonly Choice<T>[];
  onChange: (value: T) => void;
}) {
  const { label, value, choices, onChange } = props;
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={value}
      aria-label={label}
      onChange={(_event, next: T | null) => next && onChange(next)}
    >
      {choices.map(choice => (
        <ToggleButton
          key={choice.value}
          value={choice.value}
          aria-label={choice.ariaLabel ?? choice.label}
        >
          {choice.label}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
