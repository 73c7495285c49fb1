import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import { useMemo } from 'react';
import { useReleaseLink, useRootLink } from '../shared/useReleaseLink';
import { CalendarRange, daysOf, freezesOnDay, isoDate } from './calendarModel';
import { CalendarLegend, DayMarks, DayReleases } from './CalendarItems';
import {
  CalendarVerdictsContext,
  useReadinessVerdicts,
} from './CalendarReadiness';
import { useCalendarData } from './useCalendarData';
import {
  CalendarTrainSlot,
  useMarkedTrainSlots,
} from './useCalendarTrainSlots';

/** How many releases a day of the widget lists before "+n more". */
const DAY_RELEASES = 3;
const NO_FILTER = {};

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  days: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))',
    gap: theme.spacing(1),
  },
  day: { minWidth: 0 },
  dayName: { fontWeight: 600, display: 'block' },
  today: { color: theme.palette.primary.main },
}));

/**
 * Props of {@link ReleaseCalendarCardContent}.
 *
 * @public
 */
export interface ReleaseCalendarCardContentProps {
  /** How many days ahead to show; 7 by default. */
  days?: number;
  /** The current time; the clock by default. */
  now?: Date | string | number;
}

/**
 * One day of the widget: its name linking to the day in the calendar, its
 * freezes, train slots and releases, live ones first ("+n more" lists the
 * rest in place).
 */
function WidgetDay(props: {
  day: DateTime;
  today: DateTime;
  data: ReturnType<typeof useCalendarData>;
  slots: CalendarTrainSlot[];
  rootLink?: string;
}) {
  const { day, today, data, slots, rootLink } = props;
  const classes = useStyles();
  const releaseLink = useReleaseLink();
  const isToday = day.hasSame(today, 'day');
  const dayName = isToday ? 'Today' : day.toFormat('ccc d');
  return (
    <div
      className={classes.day}
      role="group"
      aria-label={day.toFormat('cccc, LLLL d')}
      data-testid={`calendar-day-${isoDate(day)}`}
    >
      <Typography
        variant="caption"
        className={`${classes.dayName} ${isToday ? classes.today : ''}`}
      >
        {rootLink ? (
          <Link
            to={`${rootLink}?view=day&date=${isoDate(day)}`}
            color="inherit"
          >
            {dayName}
          </Link>
        ) : (
          dayName
        )}
      </Typography>
      <DayMarks
        day={day}
        freezes={freezesOnDay(data.freezes, day)}
        slots={slots}
      />
      <DayReleases
        releases={data.releases}
        day={day}
        limit={DAY_RELEASES}
        releaseLink={releaseLink}
      />
    </div>
  );
}

/**
 * The content of the homepage widget: the next days side by side (a week by
 * default) with their freezes (and the hours they cover), train slots and
 * releases (unfinished ones, live first; "+n more" lists the rest in place,
 * the day's name opens it in the calendar), a legend of its marks and a link
 * to the full calendar. It fits its card: nothing scrolls inside it.
 *
 * @public
 */
export function ReleaseCalendarCardContent(
  props: ReleaseCalendarCardContentProps,
) {
  const { days = 7, now } = props;
  const classes = useStyles();
  const rootLink = useRootLink();
  const today = useMemo(
    () =>
      now === undefined ? DateTime.local() : DateTime.fromJSDate(new Date(now)),
    [now],
  );
  const range: CalendarRange = useMemo(() => {
    const from = today.startOf('day');
    return { from, to: from.plus({ days: days - 1 }).endOf('day') };
  }, [today, days]);
  const from = range.from.toUTC().toISO()!;
  const to = range.to.toUTC().toISO()!;
  const data = useCalendarData(NO_FILTER, from, to);
  const slots = useMarkedTrainSlots(NO_FILTER, from, to, data.freezes);
  const readiness = useReadinessVerdicts(data.releases);

  let body;
  if (!data.loaded) body = <Progress />;
  else if (data.error) body = <ResponseErrorPanel error={data.error} />;
  else if (
    data.releases.length === 0 &&
    data.freezes.length === 0 &&
    slots.length === 0
  ) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No releases in the next {days} days.
      </Typography>
    );
  } else {
    body = (
      <div className={classes.days}>
        {daysOf(range).map(day => (
          <WidgetDay
            key={isoDate(day)}
            day={day}
            today={today}
            data={data}
            slots={slots}
            rootLink={rootLink}
          />
        ))}
      </div>
    );
  }
  return (
    <Box data-testid="release-calendar-widget">
      <div className={classes.header}>
        <Typography variant="caption" color="textSecondary">
          Next {days} days · times in {today.zoneName}
        </Typography>
        {rootLink && <Link to={rootLink}>Open release calendar</Link>}
      </div>
      <CalendarVerdictsContext.Provider value={readiness}>
        {body}
      </CalendarVerdictsContext.Provider>
      <Box marginTop={1}>
        <CalendarLegend marks />
      </Box>
    </Box>
  );
}
