import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles } from '@material-ui/core/styles';
import {
  FreezeOccurrence,
  Release,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import { ReactNode } from 'react';
import { CalendarRange, daysOf, freezesOnDay, isoDate } from './calendarModel';
import {
  CalendarFreeze,
  CalendarRelease,
  CalendarTrainSlot,
  DayMarks,
  DayReleases,
} from './CalendarItems';
import { CalendarTrainSlot as TrainSlotItem } from './useCalendarTrainSlots';
import { freezeShading } from '../shared/freezeStyles';
import {
  coversWholeDay,
  frozenHoursText,
  liveFirst,
  shadesCalendar,
  spanOnDay,
} from './scheduleModel';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(7, minmax(0, 1fr))',
    borderTop: `1px solid ${theme.palette.divider}`,
    borderLeft: `1px solid ${theme.palette.divider}`,
  },
  weekday: {
    padding: theme.spacing(0.5),
    textAlign: 'center',
    fontWeight: 500,
    borderRight: `1px solid ${theme.palette.divider}`,
    borderBottom: `1px solid ${theme.palette.divider}`,
    color: theme.palette.text.secondary,
  },
  day: {
    position: 'relative',
    minHeight: 110,
    padding: theme.spacing(0.5),
    borderRight: `1px solid ${theme.palette.divider}`,
    borderBottom: `1px solid ${theme.palette.divider}`,
    minWidth: 0,
  },
  outside: {
    background: alpha(theme.palette.text.primary, 0.03),
    '& $dayNumber': { color: theme.palette.text.disabled },
  },
  frozenBand: {
    ...freezeShading,
    position: 'absolute',
    left: 0,
    right: 0,
    pointerEvents: 'none',
  },
  dayHeader: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    marginBottom: theme.spacing(0.5),
  },
  dayNumber: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    minWidth: 24,
    height: 24,
    borderRadius: 12,
    padding: theme.spacing(0, 0.5),
    fontWeight: 500,
  },
  today: {
    background: theme.palette.primary.main,
    color: `${theme.palette.primary.contrastText} !important`,
  },
  agendaDay: {
    display: 'grid',
    gridTemplateColumns: '120px minmax(0, 1fr)',
    gap: theme.spacing(1),
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  compactAgendaDay: {
    gridTemplateColumns: '72px minmax(0, 1fr)',
  },
}));

/** How many releases a month cell lists before "+n more". */
const MONTH_CELL_RELEASES = 3;

const NO_SLOTS: TrainSlotItem[] = [];

/** What the views of the calendar show. */
export interface GridViewProps {
  range: CalendarRange;
  releases: Release[];
  freezes: FreezeOccurrence[];
  /** Release-train slots to mark; none by default. */
  trainSlots?: TrainSlotItem[];
  today: DateTime;
  releaseLink?: (id: string) => string;
  compact?: boolean;
  /** Whether the calendar is narrowed to some entities, systems or owners. */
  narrowed?: boolean;
}

function dayLabel(day: DateTime, today: DateTime) {
  return `${day.toFormat('cccc, LLLL d, yyyy')}${
    day.hasSame(today, 'day') ? ' (today)' : ''
  }`;
}

/**
 * The shading of a month cell: the hours of the day each freeze that shades
 * the calendar covers, top (00:00) to bottom (24:00), so that a freeze ending
 * Monday 07:00 shades only the top of Monday.
 */
function FreezeShades(props: { freezes: FreezeOccurrence[]; day: DateTime }) {
  const classes = useStyles();
  return (
    <>
      {props.freezes.map(freeze => {
        const span = spanOnDay(freeze, props.day)!;
        return (
          <div
            key={`${freeze.freezeId}-${freeze.start}`}
            aria-hidden
            className={classes.frozenBand}
            data-testid="calendar-freeze-shade"
            data-hours={frozenHoursText(freeze, props.day)}
            style={{
              top: `${span.from * 100}%`,
              height: `${(span.to - span.from) * 100}%`,
            }}
          />
        );
      })}
    </>
  );
}

/**
 * One day of the month grid: its number, shaded over the hours frozen, its
 * freezes and train slots, then `children` (its releases).
 */
function DayCell(props: {
  day: DateTime;
  today: DateTime;
  /** The freezes on this day. */
  freezes: FreezeOccurrence[];
  trainSlots: TrainSlotItem[];
  narrowed: boolean;
  /** Classes of the cell besides the day's own. */
  className: string;
  children: ReactNode;
}) {
  const { day, today, freezes, trainSlots, narrowed } = props;
  const classes = useStyles();
  const isToday = day.hasSame(today, 'day');
  const shading = freezes.filter(f => shadesCalendar(f, narrowed));
  const spans = shading.map(f => spanOnDay(f, day)!);
  let frozen: string | undefined;
  if (spans.some(coversWholeDay)) frozen = 'true';
  else if (spans.length) frozen = 'partly';
  return (
    <div
      role="group"
      aria-label={dayLabel(day, today)}
      aria-current={isToday ? 'date' : undefined}
      data-testid={`calendar-day-${isoDate(day)}`}
      data-frozen={frozen}
      className={`${classes.day} ${props.className}`}
    >
      <FreezeShades freezes={shading} day={day} />
      <div className={classes.dayHeader}>
        <Typography
          variant="caption"
          className={`${classes.dayNumber} ${isToday ? classes.today : ''}`}
        >
          {day.day}
        </Typography>
      </div>
      <DayMarks day={day} freezes={freezes} slots={trainSlots} />
      {props.children}
    </div>
  );
}

/** The days of the weeks of a month, each with its freezes and releases. */
export function MonthView(props: GridViewProps & { month: DateTime }) {
  const { range, releases, releaseLink, month } = props;
  const classes = useStyles();
  const days = daysOf(range);
  return (
    <div className={classes.grid} data-testid="calendar-month">
      {days.slice(0, 7).map(day => (
        <Typography
          key={`h${isoDate(day)}`}
          variant="caption"
          className={classes.weekday}
          aria-hidden
        >
          {day.toFormat('ccc')}
        </Typography>
      ))}
      {days.map(day => (
        <DayCell
          key={isoDate(day)}
          day={day}
          today={props.today}
          freezes={freezesOnDay(props.freezes, day)}
          trainSlots={props.trainSlots ?? NO_SLOTS}
          narrowed={Boolean(props.narrowed)}
          className={day.hasSame(month, 'month') ? '' : classes.outside}
        >
          <DayReleases
            releases={releases}
            day={day}
            limit={MONTH_CELL_RELEASES}
            releaseLink={releaseLink}
          />
        </DayCell>
      ))}
    </div>
  );
}

/**
 * The days of a range that have releases or freezes, as a list. Each release
 * and freeze is listed once, on its first day in the range, with its window.
 */
export function AgendaView(props: GridViewProps & { emptyMessage: string }) {
  const { range, releases, freezes, today, releaseLink, compact } = props;
  const trainSlots = props.trainSlots ?? NO_SLOTS;
  const classes = useStyles();
  const rangeStart = range.from.toMillis();
  const firstDay = (start: string) =>
    isoDate(
      DateTime.fromMillis(Math.max(Date.parse(start), rangeStart)).startOf(
        'day',
      ),
    );
  const days = daysOf(range)
    .map(day => ({
      day,
      freezes: freezes.filter(f => firstDay(f.start) === isoDate(day)),
      releases: releases
        .filter(r => firstDay(r.window.start) === isoDate(day))
        .sort(liveFirst),
      slots: trainSlots.filter(s => firstDay(s.start) === isoDate(day)),
    }))
    .filter(d => d.freezes.length || d.releases.length || d.slots.length);

  if (days.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {props.emptyMessage}
      </Typography>
    );
  }
  return (
    <div data-testid="calendar-agenda">
      {days.map(
        ({ day, freezes: dayFreezes, releases: dayReleases, slots }) => {
          const isToday = day.hasSame(today, 'day');
          return (
            <div
              key={isoDate(day)}
              role="group"
              aria-label={dayLabel(day, today)}
              aria-current={isToday ? 'date' : undefined}
              data-testid={`calendar-day-${isoDate(day)}`}
              data-frozen={
                freezesOnDay(freezes, day).some(f =>
                  shadesCalendar(f, Boolean(props.narrowed)),
                )
                  ? 'true'
                  : undefined
              }
              className={`${classes.agendaDay} ${
                compact ? classes.compactAgendaDay : ''
              }`}
            >
              <div>
                <Typography variant="body2" style={{ fontWeight: 500 }}>
                  {day.toFormat(compact ? 'ccc d' : 'ccc, LLL d')}
                </Typography>
                {isToday && <Chip size="small" color="primary" label="Today" />}
              </div>
              <div>
                {dayFreezes.map(freeze => (
                  <CalendarFreeze
                    key={`${freeze.freezeId}-${freeze.start}`}
                    freeze={freeze}
                    showWindow
                  />
                ))}
                {slots.map(slot => (
                  <CalendarTrainSlot
                    key={`${slot.trainId}-${slot.start}`}
                    slot={slot}
                    showWindow
                  />
                ))}
                {dayReleases.map(release => (
                  <CalendarRelease
                    key={release.id}
                    release={release}
                    showWindow
                    dense={compact}
                    releaseLink={releaseLink}
                  />
                ))}
              </div>
            </div>
          );
        },
      )}
    </div>
  );
}
