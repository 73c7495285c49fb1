import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import {
  DEFAULT_AGENDA_DAYS,
  isoDate,
  parseIsoDate,
  ReleaseCalendarView,
  visibleRange,
} from './calendarModel';
import type { ReleaseCalendarProps } from './ReleaseCalendar';

/**
 * Which view and period the calendar shows: kept by the parent when it passes
 * `view` and `date`, else by the calendar itself. Changes are reported to
 * `onViewChange` and `onDateChange` either way.
 */
export function useCalendarNavigation(props: ReleaseCalendarProps) {
  const { compact = false, now, onViewChange, onDateChange } = props;
  const agendaDays = props.agendaDays ?? (compact ? 14 : DEFAULT_AGENDA_DAYS);
  const today = useMemo(
    () =>
      now === undefined ? DateTime.local() : DateTime.fromJSDate(new Date(now)),
    [now],
  );
  const [ownView, setOwnView] = useState<ReleaseCalendarView>(
    props.defaultView ?? (compact ? 'agenda' : 'month'),
  );
  const [ownDate, setOwnDate] = useState<string>();
  const view = props.view ?? ownView;
  const anchor = parseIsoDate(props.date ?? ownDate) ?? today.startOf('day');
  const range = useMemo(
    () => visibleRange(view, anchor, agendaDays),
    // The anchor is a new object on each render; its day is what matters.
    [view, isoDate(anchor), agendaDays], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const setView = (next: ReleaseCalendarView) => {
    setOwnView(next);
    onViewChange?.(next);
  };
  const setAnchor = (next: DateTime) => {
    setOwnDate(isoDate(next));
    onDateChange?.(isoDate(next));
  };
  return { agendaDays, today, view, anchor, range, setView, setAnchor };
}
