import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import ChevronLeftIcon from '@material-ui/icons/ChevronLeft';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import { ReactNode } from 'react';
import { Choice, ChoiceToggle } from './ChoiceToggle';
import { Cluster } from './Cluster';

/**
 * The toolbar of a view over a period of time (calendar, timeline): buttons to
 * the previous period, today and the next period, the title of the period
 * shown, and at the other end a toggle (of the view, of the grouping) between
 * `choices`.
 */
export function PeriodToolbar<T extends string>(props: {
  /** What a period is called in the buttons' names: "Previous week". */
  periodName: string;
  /** The Today button's accessible name; "Today" by default. */
  todayLabel?: string;
  title: ReactNode;
  onPrevious: () => void;
  onToday: () => void;
  onNext: () => void;
  /** The accessible name of the toggle. */
  toggleLabel: string;
  value: T;
  choices: readonly Choice<T>[];
  onChange: (value: T) => void;
}) {
  const {
    periodName,
    todayLabel,
    title,
    onPrevious,
    onToday,
    onNext,
    toggleLabel,
    ...toggle
  } = props;
  return (
    <Cluster justifyContent="space-between" marginBottom={1}>
      <Box display="flex" alignItems="center" style={{ gap: 4 }}>
        <IconButton
          size="small"
          aria-label={`Previous ${periodName}`}
          onClick={onPrevious}
        >
          <ChevronLeftIcon />
        </IconButton>
        <Button
          size="small"
          variant="outlined"
          aria-label={todayLabel}
          onClick={onToday}
        >
          Today
        </Button>
        <IconButton
          size="small"
          aria-label={`Next ${periodName}`}
          onClick={onNext}
        >
          <ChevronRightIcon />
        </IconButton>
        <Typography
          variant="h6"
          component="h2"
          aria-live="polite"
          style={{ marginLeft: 8 }}
        >
          {title}
        </Typography>
      </Box>
      <ChoiceToggle label={toggleLabel} {...toggle} />
    </Cluster>
  );
}
