import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import ChevronLeftIcon from '@material-ui/icons/ChevronLeft';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import Alert from '@material-ui/lab/Alert';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import { errorMessage } from '../shared/format';
import { useReleaseLink } from '../shared/useReleaseLink';
import {
  CALENDAR_VIEWS,
  DEFAULT_AGENDA_DAYS,
  isoDate,
  parseIsoDate,
  rangeTitle,
  ReleaseCalendarView,
  shiftAnchor,
  visibleRange,
} from './calendarModel';
import { CalendarLegend } from './CalendarItems';
import { AgendaView, MonthView, WeekView } from './CalendarViews';
import { ReleaseCalendarFilter } from './types';
import { MAX_CALENDAR_RELEASES, useCalendarData } from './useCalendarData';
import {
  CalendarVerdictsContext,
  useReadinessVerdicts,
} from './CalendarReadiness';
import { useCalendarTrainSlots } from './useCalendarTrainSlots';

const NO_FILTER: ReleaseCalendarFilter = {};

const VIEW_LABELS: Record<ReleaseCalendarView, string> = {
  month: 'Month',
  week: 'Week',
  agenda: 'Agenda',
};

const PERIOD_NAMES: Record<ReleaseCalendarView, string> = {
  month: 'month',
  week: 'week',
  agenda: 'period',
};

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
 * A calendar of releases with month, week and agenda views: releases on each
 * day of their window, coloured by type with their state, freezes shaded,
 * release-train slots of the trains concerning the filter marked, today marked. Clicking a release opens its page.
 *
 * @public
 */
export function ReleaseCalendar(props: ReleaseCalendarProps) {
  const {
    filter = NO_FILTER,
    compact = false,
    now: nowProp,
    reloadKey,
    onViewChange,
    onDateChange,
  } = props;
  const agendaDays = props.agendaDays ?? (compact ? 14 : DEFAULT_AGENDA_DAYS);
  const today = useMemo(
    () =>
      nowProp === undefined
        ? DateTime.local()
        : DateTime.fromJSDate(new Date(nowProp)),
    [nowProp],
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
  const from = range.from.toUTC().toISO()!;
  const to = range.to.toUTC().toISO()!;
  const data = useCalendarData(filter, from, to, reloadKey);
  const trainSlots = useCalendarTrainSlots(filter, from, to);
  const readiness = useReadinessVerdicts(data.releases);
  const releaseLink = useReleaseLink();

  const setView = (next: ReleaseCalendarView) => {
    setOwnView(next);
    onViewChange?.(next);
  };
  const setAnchor = (next: DateTime) => {
    setOwnDate(isoDate(next));
    onDateChange?.(isoDate(next));
  };

  const emptyMessage = compact
    ? `No releases in the next ${agendaDays} days.`
    : 'No releases in this period.';
  const period = PERIOD_NAMES[view];

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
    };
    body = (
      <>
        {data.capped && (
          <Box marginBottom={1}>
            <Alert severity="info">
              Showing the first {MAX_CALENDAR_RELEASES} releases of this{' '}
              {period}; narrow the filters to see the rest.
            </Alert>
          </Box>
        )}
        {readiness.error && (
          <Box marginBottom={1}>
            <Alert severity="warning">
              Readiness could not be loaded: {errorMessage(readiness.error)}
            </Alert>
          </Box>
        )}
        {data.freezeError && (
          <Box marginBottom={1}>
            <Alert severity="warning">
              Freezes could not be loaded: {errorMessage(data.freezeError)}
            </Alert>
          </Box>
        )}
        {view !== 'agenda' && data.releases.length === 0 && (
          <Typography variant="body2" color="textSecondary" gutterBottom>
            {emptyMessage}
          </Typography>
        )}
        {view === 'month' && (
          <MonthView
            {...viewProps}
            month={anchor}
            onShowDay={day => {
              setAnchor(day);
              setView('week');
            }}
          />
        )}
        {view === 'week' && <WeekView {...viewProps} />}
        {view === 'agenda' && (
          <AgendaView {...viewProps} emptyMessage={emptyMessage} />
        )}
      </>
    );
  }

  return (
    <Box data-testid="release-calendar">
      {!compact && (
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
                setAnchor(shiftAnchor(view, anchor, -1, agendaDays))
              }
            >
              <ChevronLeftIcon />
            </IconButton>
            <Button
              size="small"
              variant="outlined"
              aria-label="Go to today"
              onClick={() => setAnchor(today.startOf('day'))}
            >
              Today
            </Button>
            <IconButton
              size="small"
              aria-label={`Next ${period}`}
              onClick={() =>
                setAnchor(shiftAnchor(view, anchor, 1, agendaDays))
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
            onChange={(_event, next) => next && setView(next)}
          >
            {CALENDAR_VIEWS.map(v => (
              <ToggleButton
                key={v}
                value={v}
                aria-label={`${VIEW_LABELS[v]} view`}
              >
                {VIEW_LABELS[v]}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        </Box>
      )}
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
