import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import ChevronLeftIcon from '@material-ui/icons/ChevronLeft';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import { ReactNode } from 'react';

/**
 * The toolbar of a view over a period of time (calendar, timeline): buttons to
 * the previous period, today and the next period, the title of the period
 * shown, and `children` (e.g. a view toggle) at the other end.
 */
export function PeriodToolbar(props: {
  /** What a period is called in the buttons' names: "Previous week". */
  periodName: string;
  /** The Today button's accessible name; "Today" by default. */
  todayLabel?: string;
  title: ReactNode;
  onPrevious: () => void;
  onToday: () => void;
  onNext: () => void;
  children?: ReactNode;
}) {
  const { periodName, todayLabel, title, onPrevious, onToday, onNext } = props;
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      justifyContent="space-between"
      marginBottom={1}
      style={{ gap: 8 }}
    >
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
      {props.children}
    </Box>
  );
}
