import { DateTime } from 'luxon';
import { ChoiceToggle } from '../shared/ChoiceToggle';
import { PeriodToolbar } from '../shared/PeriodToolbar';
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
  day: 'Day',
  agenda: 'Agenda',
};

const VIEW_CHOICES = CALENDAR_VIEWS.map(view => ({
  value: view,
  label: VIEW_LABELS[view],
  ariaLabel: `${VIEW_LABELS[view]} view`,
}));

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
  return (
    <PeriodToolbar
      periodName={PERIOD_NAMES[view]}
      todayLabel="Go to today"
      title={rangeTitle(view, anchor, range)}
      onPrevious={() =>
        onAnchorChange(shiftAnchor(view, anchor, -1, agendaDays))
      }
      onToday={() => onAnchorChange(today.startOf('day'))}
      onNext={() => onAnchorChange(shiftAnchor(view, anchor, 1, agendaDays))}
    >
      <ChoiceToggle
        label="Calendar view"
        value={view}
        choices={VIEW_CHOICES}
        onChange={onViewChange}
      />
    </PeriodToolbar>
  );
}
