import { PeriodToolbar } from '../shared/PeriodToolbar';
import {
  CALENDAR_VIEWS,
  PERIOD_NAMES,
  rangeTitle,
  ReleaseCalendarView,
  shiftAnchor,
} from './calendarModel';
import { useCalendarNavigation } from './useCalendarNavigation';

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
 * the title of the period shown, and the view toggle, over its navigation.
 */
export function CalendarToolbar(props: {
  navigation: ReturnType<typeof useCalendarNavigation>;
}) {
  const { view, anchor, range, today, agendaDays, setAnchor, setView } =
    props.navigation;
  return (
    <PeriodToolbar
      periodName={PERIOD_NAMES[view]}
      todayLabel="Go to today"
      title={rangeTitle(view, anchor, range)}
      onPrevious={() => setAnchor(shiftAnchor(view, anchor, -1, agendaDays))}
      onToday={() => setAnchor(today.startOf('day'))}
      onNext={() => setAnchor(shiftAnchor(view, anchor, 1, agendaDays))}
      toggleLabel="Calendar view"
      value={view}
      choices={VIEW_CHOICES}
      onChange={setView}
    />
  );
}
