import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import ChevronLeftIcon from '@material-ui/icons/ChevronLeft';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { DateTime } from 'luxon';
import {
  CALENDAR_VIEWS,
  CalendarRange,
  PERIOD_NAMES,
  rangeTitle,
  ReleaseCalendarView,
  shiftAnchor,
} from './calendarModel';

const VIEW_LABELS: Record<ReleaseCalendarView, string> = {
  month: 'Month',
  week: 'Week',
  agenda: 'Agenda',
};

/**
 * The calendar's buttons to the previous period, today and the next period,
 * the title of the period shown, and the view toggle.
 */
export function CalendarToolbar(props: {
  view: ReleaseCalendarView;
  anchor: DateTime;
  range: CalendarRange;
  today: DateTime;
  agendaDays: number;
  onAnchorChange: (anchor: DateTime) => void;
  onViewChange: (view: ReleaseCalendarView) => void;
}) {
  const { view, anchor, range, today, agendaDays } = props;
  const { onAnchorChange, onViewChange } = props;
  const period = PERIOD_NAMES[view];
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
          aria-label={`Previous ${period}`}
          onClick={() =>
            onAnchorChange(shiftAnchor(view, anchor, -1, agendaDays))
          }
        >
          <ChevronLeftIcon />
        </IconButton>
        <Button
          size="small"
          variant="outlined"
          aria-label="Go to today"
          onClick={() => onAnchorChange(today.startOf('day'))}
        >
          Today
        </Button>
        <IconButton
          size="small"
          aria-label={`Next ${period}`}
          onClick={() =>
            onAnchorChange(shiftAnchor(view, anchor, 1, agendaDays))
          }
        >
          <ChevronRightIcon />
        </IconButton>
        <Typography
          variant="h6"
          component="h2"
          aria-live="polite"
          style={{ marginLeft: 8 }}
        >
          {rangeTitle(view, anchor, range)}
        </Typography>
      </Box>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={view}
        aria-label="Calendar view"
        onChange={(_event, next) => next && onViewChange(next)}
      >
        {CALENDAR_VIEWS.map(v => (
          <ToggleButton key={v} value={v} aria-label={`${VIEW_LABELS[v]} view`}>
            {VIEW_LABELS[v]}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </Box>
  );
}
