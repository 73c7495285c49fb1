import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles } from '@material-ui/core/styles';
import AcUnitIcon from '@material-ui/icons/AcUnit';
import TrainIcon from '@material-ui/icons/Train';
import {
  FreezeOccurrence,
  Release,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import { FREEZE_TINT, freezeShading } from '../shared/freezeStyles';
import { formatWindow } from '../shared/format';
import { CalendarRange, daysOf, isoDate } from './calendarModel';
import { CalendarRelease } from './CalendarItems';
import {
  assignLanes,
  DaySpan,
  frozenHoursText,
  scopeText,
  shadesCalendar,
  spanOnDay,
} from './scheduleModel';
import { slotText } from './trainSlotText';
import { freezeLabelColor, trainSlotColor } from './calendarColors';
import { CalendarTrainSlot } from './useCalendarTrainSlots';

/** Height of one hour on the axis, in pixels. */
const HOUR_HEIGHT = 28;
const DAY_HEIGHT = 24 * HOUR_HEIGHT;
/** Least height of a release, so that its title stays readable. */
const MIN_RELEASE_HEIGHT = 40;

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: 4,
  },
  corner: {
    padding: theme.spacing(0.5),
    color: theme.palette.text.secondary,
    borderBottom: `1px solid ${theme.palette.divider}`,
    fontSize: '0.7rem',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  header: {
    padding: theme.spacing(0.5),
    textAlign: 'center',
    borderLeft: `1px solid ${theme.palette.divider}`,
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  todayHeader: {
    color: theme.palette.primary.main,
    fontWeight: 700,
  },
  hours: { position: 'relative', height: DAY_HEIGHT },
  hourLabel: {
    position: 'absolute',
    right: theme.spacing(0.5),
    transform: 'translateY(-50%)',
    color: theme.palette.text.secondary,
  },
  column: {
    position: 'relative',
    height: DAY_HEIGHT,
    borderLeft: `1px solid ${theme.palette.divider}`,
    backgroundImage: `repeating-linear-gradient(to bottom, transparent, transparent ${
      HOUR_HEIGHT - 1
    }px, ${theme.palette.divider} ${HOUR_HEIGHT - 1}px, ${
      theme.palette.divider
    } ${HOUR_HEIGHT}px)`,
  },
  band: {
    position: 'absolute',
    left: 0,
    right: 0,
    overflow: 'hidden',
  },
  frozen: { ...freezeShading },
  /** A freeze of a narrower scope: a stripe at the edge, not a shade. */
  scopedFreeze: {
    right: 'auto',
    width: 6,
    background: alpha(FREEZE_TINT, 0.5),
  },
  bandLabel: {
    display: 'flex',
    alignItems: 'center',
    gap: 2,
    padding: theme.spacing(0, 0.5),
    color: freezeLabelColor(theme),
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  slot: {
    border: `1px dashed ${trainSlotColor(theme)}`,
    color: trainSlotColor(theme),
    background: alpha('#6d4c41', 0.06),
  },
  release: {
    position: 'absolute',
    overflow: 'hidden',
    zIndex: 1,
    background: theme.palette.background.paper,
    borderRadius: 4,
    '&:hover, &:focus-within': { zIndex: 2, overflow: 'visible' },
  },
  now: {
    position: 'absolute',
    left: 0,
    right: 0,
    borderTop: `2px solid ${theme.palette.error.main}`,
    zIndex: 3,
  },
}));

const placeStyle = (span: DaySpan, minHeight = 0) => ({
  top: Math.round(span.from * DAY_HEIGHT),
  height: Math.max(Math.round((span.to - span.from) * DAY_HEIGHT), minHeight),
});

/** Props of {@link TimeGridView}. */
export interface TimeGridViewProps {
  range: CalendarRange;
  releases: Release[];
  freezes: FreezeOccurrence[];
  trainSlots?: CalendarTrainSlot[];
  today: DateTime;
  releaseLink?: (id: string) => string;
  /** Whether the calendar is narrowed to some entities, systems or owners. */
  narrowed: boolean;
  testId: string;
}

function FreezeBand(props: {
  freeze: FreezeOccurrence;
  day: DateTime;
  narrowed: boolean;
}) {
  const { freeze, day, narrowed } = props;
  const classes = useStyles();
  const span = spanOnDay(freeze, day)!;
  const shades = shadesCalendar(freeze, narrowed);
  const hours = frozenHoursText(freeze, day);
  const title = `Freeze: ${freeze.title} (${scopeText(
    freeze.scope,
  )}) · ${formatWindow(freeze)}`;
  return (
    <div
      className={`${classes.band} ${
        shades ? classes.frozen : classes.scopedFreeze
      }`}
      style={placeStyle(span)}
      title={title}
      data-testid="calendar-freeze-band"
      data-freeze-id={freeze.freezeId}
      data-shades={shades ? 'true' : 'false'}
      data-hours={hours}
    >
      {shades && (
        <Typography variant="caption" className={classes.bandLabel}>
          <AcUnitIcon style={{ fontSize: 12 }} aria-label="Freeze" />
          {freeze.title} · {hours}
        </Typography>
      )}
    </div>
  );
}

function SlotBand(props: { slot: CalendarTrainSlot; day: DateTime }) {
  const { slot, day } = props;
  const classes = useStyles();
  const span = spanOnDay(slot, day)!;
  const text = slotText(slot);
  return (
    <div
      className={`${classes.band} ${classes.slot}`}
      style={placeStyle(span)}
      title={text.title}
      data-testid="calendar-train-slot"
      data-train-id={slot.trainId}
      data-bookable={text.bookable ? 'true' : 'false'}
    >
      <Typography variant="caption" className={classes.bandLabel}>
        <TrainIcon style={{ fontSize: 12 }} aria-label="Train slot" />
        {text.short}
      </Typography>
    </div>
  );
}

function DayColumn(props: TimeGridViewProps & { day: DateTime }) {
  const { day, today, releaseLink, narrowed } = props;
  const classes = useStyles();
  const dayReleases = props.releases.filter(r => spanOnDay(r.window, day));
  const laned = assignLanes(dayReleases, r => ({
    start: Date.parse(r.window.start),
    end: Date.parse(r.window.end),
  }));
  const nowSpan = day.hasSame(today, 'day')
    ? spanOnDay(
        {
          start: today.toISO()!,
          end: today.plus({ minutes: 1 }).toISO()!,
        },
        day,
      )
    : undefined;
  return (
    <div
      className={classes.column}
      role="group"
      aria-label={day.toFormat('cccc, LLLL d, yyyy')}
      aria-current={day.hasSame(today, 'day') ? 'date' : undefined}
      data-testid={`calendar-day-${isoDate(day)}`}
      data-frozen={
        props.freezes.some(
          f => shadesCalendar(f, narrowed) && spanOnDay(f, day),
        )
          ? 'true'
          : undefined
      }
    >
      {props.freezes
        .filter(freeze => spanOnDay(freeze, day))
        .map(freeze => (
          <FreezeBand
            key={`${freeze.freezeId}-${freeze.start}`}
            freeze={freeze}
            day={day}
            narrowed={narrowed}
          />
        ))}
      {(props.trainSlots ?? [])
        .filter(slot => spanOnDay(slot, day))
        .map(slot => (
          <SlotBand
            key={`${slot.trainId}-${slot.start}`}
            slot={slot}
            day={day}
          />
        ))}
      {laned.map(({ item: release, lane, lanes }) => (
        <div
          key={release.id}
          className={classes.release}
          style={{
            ...placeStyle(spanOnDay(release.window, day)!, MIN_RELEASE_HEIGHT),
            left: `calc(${(lane / lanes) * 100}% + 8px)`,
            width: `calc(${100 / lanes}% - 10px)`,
          }}
        >
          <CalendarRelease
            release={release}
            day={day}
            dense
            releaseLink={releaseLink}
          />
        </div>
      ))}
      {nowSpan && (
        <div
          className={classes.now}
          style={{ top: nowSpan.from * DAY_HEIGHT }}
          title="Now"
        />
      )}
    </div>
  );
}

/**
 * A change schedule: the days of a week (or one day) side by side under an
 * hour axis in the user's time zone; freezes shaded over the hours they cover
 * (those of a narrower scope as a stripe at the edge unless the calendar is
 * narrowed to them), train slots as dashed boxes (marked when not bookable),
 * releases placed by their times, overlapping ones side by side.
 */
export function TimeGridView(props: TimeGridViewProps) {
  const { range, today } = props;
  const classes = useStyles();
  const days = daysOf(range);
  const hours = Array.from({ length: 24 }, (_, hour) => hour);
  return (
    <div
      className={classes.grid}
      style={{
        gridTemplateColumns: `56px repeat(${days.length}, minmax(0, 1fr))`,
      }}
      data-testid={props.testId}
    >
      <Typography
        variant="caption"
        className={classes.corner}
        title={`Times in ${today.zoneName}`}
        data-testid="calendar-time-zone"
      >
        {today.offsetNameShort ?? today.zoneName}
      </Typography>
      {days.map(day => (
        <Typography
          key={`h${isoDate(day)}`}
          variant="body2"
          className={`${classes.header} ${
            day.hasSame(today, 'day') ? classes.todayHeader : ''
          }`}
          aria-hidden
        >
          {day.toFormat('ccc d')}
        </Typography>
      ))}
      <div className={classes.hours} aria-hidden>
        {hours.slice(1).map(hour => (
          <Typography
            key={hour}
            variant="caption"
            className={classes.hourLabel}
            style={{ top: hour * HOUR_HEIGHT }}
          >
            {`${String(hour).padStart(2, '0')}:00`}
          </Typography>
        ))}
      </div>
      {days.map(day => (
        <DayColumn key={isoDate(day)} {...props} day={day} />
      ))}
    </div>
  );
}
