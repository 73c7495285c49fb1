import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles } from '@material-ui/core/styles';
import {
  FreezeOccurrence,
  Release,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import { ReactNode } from 'react';
import {
  CalendarRange,
  coversDay,
  daysOf,
  freezesOnDay,
  isoDate,
  releasesOnDay,
} from './calendarModel';
import {
  CalendarFreeze,
  CalendarRelease,
  CalendarTrainSlot,
} from './CalendarItems';
import { CalendarTrainSlot as TrainSlotItem } from './useCalendarTrainSlots';
import { freezeShading } from '../shared/freezeStyles';

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
    minHeight: 110,
    padding: theme.spacing(0.5),
    borderRight: `1px solid ${theme.palette.divider}`,
    borderBottom: `1px solid ${theme.palette.divider}`,
    minWidth: 0,
  },
  weekDay: {
    minHeight: 320,
  },
  outside: {
    background: alpha(theme.palette.text.primary, 0.03),
    '& $dayNumber': { color: theme.palette.text.disabled },
  },
  frozen: {
    ...freezeShading,
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
  more: {
    padding: 0,
    minWidth: 0,
    textTransform: 'none',
    fontSize: theme.typography.caption.fontSize,
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

function slotMarks(slots: TrainSlotItem[], day: DateTime) {
  return slots
    .filter(slot => coversDay(slot, day))
    .map(slot => (
      <CalendarTrainSlot key={`${slot.trainId}-${slot.start}`} slot={slot} />
    ));
}

interface GridViewProps {
  range: CalendarRange;
  releases: Release[];
  freezes: FreezeOccurrence[];
  /** Release-train slots to mark; none by default. */
  trainSlots?: TrainSlotItem[];
  today: DateTime;
  releaseLink?: (id: string) => string;
  compact?: boolean;
}

/** What a day's cell shows of a grid view's freezes and train slots. */
function dayCellProps(day: DateTime, props: GridViewProps) {
  return {
    day,
    today: props.today,
    freezes: freezesOnDay(props.freezes, day),
    trainSlots: props.trainSlots ?? NO_SLOTS,
  };
}

function dayLabel(day: DateTime, today: DateTime) {
  return `${day.toFormat('cccc, LLLL d, yyyy')}${
    day.hasSame(today, 'day') ? ' (today)' : ''
  }`;
}

/**
 * One day of the month or week grid: its number (and weekday name), shaded
 * when frozen, its freezes and train slots, then `children` (its releases).
 */
function DayCell(props: {
  day: DateTime;
  today: DateTime;
  /** The freezes on this day. */
  freezes: FreezeOccurrence[];
  trainSlots: TrainSlotItem[];
  /** Classes of the cell besides the day's own. */
  className: string;
  /** Whether the header names the weekday too. */
  weekday?: boolean;
  children: ReactNode;
}) {
  const { day, today, freezes, trainSlots } = props;
  const classes = useStyles();
  const isToday = day.hasSame(today, 'day');
  return (
    <div
      role="group"
      aria-label={dayLabel(day, today)}
      aria-current={isToday ? 'date' : undefined}
      data-testid={`calendar-day-${isoDate(day)}`}
      data-frozen={freezes.length > 0 ? 'true' : undefined}
      className={`${classes.day} ${props.className} ${
        freezes.length ? classes.frozen : ''
      }`}
    >
      <div className={classes.dayHeader}>
        {props.weekday && (
          <Typography variant="caption" color="textSecondary">
            {day.toFormat('ccc')}
          </Typography>
        )}
        <Typography
          variant="caption"
          className={`${classes.dayNumber} ${isToday ? classes.today : ''}`}
        >
          {day.day}
        </Typography>
      </div>
      {freezes.map(freeze => (
        <CalendarFreeze
          key={`${freeze.freezeId}-${freeze.start}`}
          freeze={freeze}
        />
      ))}
      {slotMarks(trainSlots, day)}
      {props.children}
    </div>
  );
}

/** The days of the weeks of a month, each with its freezes and releases. */
export function MonthView(
  props: GridViewProps & {
    month: DateTime;
    onShowDay: (day: DateTime) => void;
  },
) {
  const { range, releases, releaseLink, month, onShowDay } = props;
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
      {days.map(day => {
        const dayReleases = releasesOnDay(releases, day);
        const hidden = dayReleases.length - MONTH_CELL_RELEASES;
        const shown =
          hidden > 0
            ? dayReleases.slice(0, MONTH_CELL_RELEASES - 1)
            : dayReleases;
        return (
          <DayCell
            key={isoDate(day)}
            {...dayCellProps(day, props)}
            className={day.hasSame(month, 'month') ? '' : classes.outside}
          >
            {shown.map(release => (
              <CalendarRelease
                key={release.id}
                release={release}
                day={day}
                dense
                releaseLink={releaseLink}
              />
            ))}
            {hidden > 0 && (
              <Button
                size="small"
                color="primary"
                className={classes.more}
                onClick={() => onShowDay(day)}
                aria-label={`${hidden + 1} more releases on ${day.toFormat(
                  'LLLL d',
                )}`}
              >
                +{hidden + 1} more
              </Button>
            )}
          </DayCell>
        );
      })}
    </div>
  );
}

/** The seven days of a week side by side, each with its freezes and releases. */
export function WeekView(props: GridViewProps) {
  const { range, releases, releaseLink } = props;
  const classes = useStyles();
  return (
    <div className={classes.grid} data-testid="calendar-week">
      {daysOf(range).map(day => (
        <DayCell
          key={isoDate(day)}
          {...dayCellProps(day, props)}
          className={classes.weekDay}
          weekday
        >
          {releasesOnDay(releases, day).map(release => (
            <CalendarRelease
              key={release.id}
              release={release}
              day={day}
              releaseLink={releaseLink}
            />
          ))}
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
      releases: releases.filter(r => firstDay(r.window.start) === isoDate(day)),
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
                freezesOnDay(freezes, day).length > 0 ? 'true' : undefined
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
