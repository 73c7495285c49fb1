import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { ReactNode } from 'react';
import { errorMessage } from '../shared/format';
import { useReleaseLink } from '../shared/useReleaseLink';
import { PERIOD_NAMES, ReleaseCalendarView } from './calendarModel';
import { CalendarLegend } from './CalendarItems';
import { CalendarToolbar } from './CalendarToolbar';
import { AgendaView, MonthView } from './CalendarViews';
import { TimeGridView } from './TimeGridView';
import { freezeRefsOf } from './useCalendarData';
import { ReleaseCalendarFilter } from './types';
import { MAX_CALENDAR_RELEASES, useCalendarData } from './useCalendarData';
import {
  CalendarVerdictsContext,
  useReadinessVerdicts,
} from './CalendarReadiness';
import { useCalendarNavigation } from './useCalendarNavigation';
import { useMarkedTrainSlots } from './useCalendarTrainSlots';

const NO_FILTER: ReleaseCalendarFilter = {};

function Notice(props: { severity: 'info' | 'warning'; children: ReactNode }) {
  return (
    <Box marginBottom={1}>
      <Alert severity={props.severity}>{props.children}</Alert>
    </Box>
  );
}

/**
 * Props of {@link ReleaseCalendar}.
 *
 * @public
 */
export interface ReleaseCalendarProps {
  /** Which releases to show; all of them by default. */
  filter?: ReleaseCalendarFilter;
  /** The view shown first; `month` by default, `agenda` when compact. */
  defaultView?: ReleaseCalendarView;
  /**
   * A small agenda without toolbar or legend, for cards such as the homepage
   * widget.
   */
  compact?: boolean;
  /** How many days the agenda shows; 30 by default, 14 when compact. */
  agendaDays?: number;
  /** The current time; the clock by default. Set it to test or to preview. */
  now?: Date | string | number;
  /** The view, when the parent keeps it (e.g. in the URL). */
  view?: ReleaseCalendarView;
  onViewChange?: (view: ReleaseCalendarView) => void;
  /** The day (`yyyy-MM-dd`) whose period is shown, when the parent keeps it. */
  date?: string;
  onDateChange?: (date: string) => void;
  /** Changing it reloads the releases, e.g. after one was created. */
  reloadKey?: number;
}

/**
 * A calendar of releases with month, week, day and agenda views: releases on
 * each day of their window (by the hour in the week and day views), coloured
 * by type with their state, live ones first; unfinished releases only unless
 * the filter names states. Freezes shade the hours they cover (those of a
 * narrower scope only when the filter is narrowed to them); release-train
 * slots of the trains concerning the filter are marked, those inside a freeze
 * as not bookable; today is marked. Clicking a release opens its page.
 *
 * @public
 */
export function ReleaseCalendar(props: ReleaseCalendarProps) {
  const { filter = NO_FILTER, compact = false, reloadKey } = props;
  const navigation = useCalendarNavigation(props);
  const { agendaDays, today, view, anchor, range } = navigation;
  const from = range.from.toUTC().toISO()!;
  const to = range.to.toUTC().toISO()!;
  const data = useCalendarData(filter, from, to, reloadKey);
  const trainSlots = useMarkedTrainSlots(filter, from, to, data.freezes);
  const readiness = useReadinessVerdicts(data.releases);
  const releaseLink = useReleaseLink();

  const emptyMessage = compact
    ? `No releases in the next ${agendaDays} days.`
    : 'No releases in this period.';

  let body;
  if (!data.loaded) {
    body = <Progress />;
  } else if (data.error) {
    body = <ResponseErrorPanel error={data.error} />;
  } else {
    const viewProps = {
      range,
      releases: data.releases,
      freezes: data.freezes,
      trainSlots,
      today,
      releaseLink,
      compact,
      narrowed: Boolean(freezeRefsOf(filter)),
    };
    body = (
      <>
        {data.capped && (
          <Notice severity="info">
            Showing the first {MAX_CALENDAR_RELEASES} releases of this{' '}
            {PERIOD_NAMES[view]}; narrow the filters to see the rest.
          </Notice>
        )}
        {readiness.error && (
          <Notice severity="warning">
            Readiness could not be loaded: {errorMessage(readiness.error)}
          </Notice>
        )}
        {data.freezeError && (
          <Notice severity="warning">
            Freezes could not be loaded: {errorMessage(data.freezeError)}
          </Notice>
        )}
        {view !== 'agenda' && data.releases.length === 0 && (
          <Typography variant="body2" color="textSecondary" gutterBottom>
            {emptyMessage}
          </Typography>
        )}
        {view === 'month' && <MonthView {...viewProps} month={anchor} />}
        {(view === 'week' || view === 'day') && (
          <TimeGridView {...viewProps} testId={`calendar-${view}`} />
        )}
        {view === 'agenda' && (
          <AgendaView {...viewProps} emptyMessage={emptyMessage} />
        )}
      </>
    );
  }

  return (
    <Box data-testid="release-calendar">
      {!compact && <CalendarToolbar navigation={navigation} />}
      {data.loaded && data.loading ? (
        <LinearProgress aria-label="Loading releases" />
      ) : (
        <Box height={4} />
      )}
      <CalendarVerdictsContext.Provider value={readiness}>
        {body}
      </CalendarVerdictsContext.Provider>
      {!compact && (
        <Box marginTop={1}>
          <CalendarLegend />
        </Box>
      )}
    </Box>
  );
}
