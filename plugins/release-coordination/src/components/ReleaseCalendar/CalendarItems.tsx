import { Link } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles, useTheme } from '@material-ui/core/styles';
import BlockIcon from '@material-ui/icons/Block';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import { StateLabel } from '../Rollback';
import AcUnitIcon from '@material-ui/icons/AcUnit';
import TrainIcon from '@material-ui/icons/Train';
import {
  FreezeOccurrence,
  Release,
  RELEASE_TYPES,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import { ReactNode, useState } from 'react';
import { ConflictFlag } from '../shared/ConflictFlag';
import { FREEZE_TINT } from '../shared/freezeStyles';
import { formatWindow, stateLabel } from '../shared/format';
import {
  coversDay,
  releasesOnDay,
  releaseTypeColor,
  startedBefore,
  timeOfDay,
} from './calendarModel';
import { frozenHoursText, isLive, scopeText } from './scheduleModel';
import { slotText } from './trainSlotText';
import { freezeLabelColor, trainSlotColor } from './calendarColors';
import { CalendarTrainSlot as TrainSlotItem } from './useCalendarTrainSlots';
import { ReadinessMark } from './CalendarReadiness';
import { Cluster } from '../shared/Cluster';

const useStyles = makeStyles(theme => ({
  release: {
    borderLeft: '4px solid',
    borderRadius: 4,
    padding: theme.spacing(0.25, 0.75),
    marginBottom: theme.spacing(0.5),
    overflow: 'hidden',
    minWidth: 0,
  },
  title: {
    display: 'block',
    fontWeight: 500,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  wrapTitle: {
    whiteSpace: 'normal',
  },
  cancelled: {
    textDecoration: 'line-through',
    opacity: 0.75,
  },
  meta: {
    display: 'block',
    color: theme.palette.text.secondary,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  freeze: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    color: freezeLabelColor(theme),
    fontWeight: 500,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    marginBottom: theme.spacing(0.25),
  },
  trainSlot: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    color: trainSlotColor(theme),
    borderBottom: `1px dotted ${trainSlotColor(theme)}`,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    marginBottom: theme.spacing(0.25),
  },
  notBookable: {
    fontStyle: 'italic',
    borderBottomStyle: 'solid',
  },
  live: {
    boxShadow: `inset 0 0 0 2px ${theme.palette.error.main}`,
  },
  swatch: {
    display: 'inline-block',
    width: 12,
    height: 12,
    borderRadius: 2,
    marginRight: theme.spacing(0.5),
    verticalAlign: 'middle',
  },
  liveSwatch: {
    boxShadow: `inset 0 0 0 2px ${theme.palette.error.main}`,
  },
  freezeSwatch: {
    background: alpha(FREEZE_TINT, 0.25),
    border: `1px dashed ${alpha(FREEZE_TINT, 0.8)}`,
  },
  more: {
    padding: 0,
    minWidth: 0,
    textTransform: 'none',
    fontSize: theme.typography.caption.fontSize,
  },
}));

/** Props of {@link CalendarRelease}. */
export interface CalendarReleaseProps {
  release: Release;
  /** The day the release is shown on, to say whether it continues from before. */
  day?: DateTime;
  /** Shows the whole window instead of the time of day. */
  showWindow?: boolean;
  /** Small, for month cells and the widget. */
  dense?: boolean;
  releaseLink?: (id: string) => string;
}

/**
 * A release in the calendar: its type as the colour, its title linking to its
 * page (struck through when cancelled), the time and its state.
 */
export function CalendarRelease(props: CalendarReleaseProps) {
  const { release, day, showWindow, dense, releaseLink } = props;
  const classes = useStyles();
  const color = releaseTypeColor(release.type);
  const cancelled = release.state === 'cancelled';
  let when: string;
  if (showWindow) when = formatWindow(release.window);
  else if (day && startedBefore(release, day)) when = 'continues';
  else when = timeOfDay(release.window.start);
  const titleClass = `${classes.title} ${dense ? '' : classes.wrapTitle} ${
    cancelled ? classes.cancelled : ''
  }`;
  return (
    <div
      className={`${classes.release} ${isLive(release) ? classes.live : ''}`}
      style={{ borderLeftColor: color, background: alpha(color, 0.1) }}
      title={`${release.title} ${release.version} · ${
        release.type
      } · ${stateLabel(release.state)} · ${formatWindow(release.window)}`}
      data-testid="calendar-release"
      data-release-id={release.id}
      data-type={release.type}
      data-state={release.state}
      data-live={isLive(release) ? 'true' : undefined}
    >
      <Typography variant={dense ? 'caption' : 'body2'} component="span">
        {releaseLink ? (
          <Link
            to={releaseLink(release.id)}
            className={titleClass}
            // The link's own styles would override the class.
            style={cancelled ? { textDecoration: 'line-through' } : undefined}
          >
            {release.title}
          </Link>
        ) : (
          <span className={titleClass}>{release.title}</span>
        )}
      </Typography>
      <Typography variant="caption" className={classes.meta}>
        <ReadinessMark releaseId={release.id} />
        {release.conflicts?.length ? (
          <>
            <ConflictFlag conflicts={release.conflicts} fontSize="inherit" />{' '}
          </>
        ) : null}
        {dense ? '' : `${release.version} · `}
        {when} ·{' '}
        <span data-testid="release-state">
          <StateLabel state={release.state} />
        </span>
        {dense ? '' : ` · ${release.type}`}
      </Typography>
    </div>
  );
}

/**
 * The releases of `day` among `releases` as dense items, live ones first.
 * When there are more than `limit`, only the first `limit - 1`, then
 * "+n more", which lists the rest in place ("Show fewer" folds them again).
 */
export function DayReleases(props: {
  releases: Release[];
  day: DateTime;
  limit: number;
  releaseLink?: (id: string) => string;
}) {
  const { day, limit, releaseLink } = props;
  const classes = useStyles();
  const [expanded, setExpanded] = useState(false);
  const releases = releasesOnDay(props.releases, day);
  const overflows = releases.length > limit;
  const shown =
    overflows && !expanded ? releases.slice(0, limit - 1) : releases;
  const count = releases.length - limit + 1;
  return (
    <>
      {shown.map(release => (
        <CalendarRelease
          key={release.id}
          release={release}
          day={day}
          dense
          releaseLink={releaseLink}
        />
      ))}
      {overflows && (
        <Button
          size="small"
          color="primary"
          className={classes.more}
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
          aria-label={
            expanded
              ? `Show fewer releases on ${day.toFormat('LLLL d')}`
              : `${count} more releases on ${day.toFormat('LLLL d')}`
          }
        >
          {expanded ? 'Show fewer' : `+${count} more`}
        </Button>
      )}
    </>
  );
}

/**
 * A one-line mark on a day or in the agenda: an icon and a text, the details
 * in its tooltip.
 */
function DayMark(
  props: {
    className: string;
    title: string;
    icon: ReactNode;
    text: string;
  } & { [dataAttribute: `data-${string}`]: string },
) {
  const { className, title, icon, text, ...data } = props;
  return (
    <Typography
      variant="caption"
      component="div"
      className={className}
      title={title}
      {...data}
    >
      {icon}
      <span>{text}</span>
    </Typography>
  );
}

/**
 * The label of a freeze on a day or in the agenda: its title, the hours it
 * covers on `day` when not all of it, and its scope when narrower than
 * everything.
 */
export function CalendarFreeze(props: {
  freeze: FreezeOccurrence;
  day?: DateTime;
  showWindow?: boolean;
}) {
  const { freeze, day, showWindow } = props;
  const classes = useStyles();
  const hours = day && frozenHoursText(freeze, day);
  const scope = freeze.scope.all ? '' : ` (${scopeText(freeze.scope)})`;
  let text = `${freeze.title}${scope}`;
  if (showWindow) text += ` · ${formatWindow(freeze)}`;
  else if (hours && hours !== 'all day') text += ` · ${hours}`;
  return (
    <DayMark
      className={classes.freeze}
      title={`Freeze: ${freeze.title}${scope} · ${formatWindow(freeze)}${
        freeze.exemptTypes.length
          ? ` · exempt: ${freeze.exemptTypes.join(', ')}`
          : ''
      }`}
      icon={<AcUnitIcon style={{ fontSize: 14 }} aria-label="Freeze" />}
      text={text}
      data-testid="calendar-freeze"
    />
  );
}

/** The mark of a release-train slot on a day or in the agenda. */
export function CalendarTrainSlot(props: {
  slot: TrainSlotItem;
  showWindow?: boolean;
}) {
  const { slot, showWindow } = props;
  const classes = useStyles();
  const text = slotText(slot, showWindow);
  return (
    <DayMark
      className={`${classes.trainSlot} ${
        text.bookable ? '' : classes.notBookable
      }`}
      title={text.title}
      icon={<TrainIcon style={{ fontSize: 14 }} aria-label="Train slot" />}
      text={text.short}
      data-testid="calendar-train-slot"
      data-train-id={slot.trainId}
      data-bookable={text.bookable ? 'true' : 'false'}
    />
  );
}

/** The marks of a day's cell: the day's freezes and the train slots covering it. */
export function DayMarks(props: {
  day: DateTime;
  /** The freezes of the day. */
  freezes: FreezeOccurrence[];
  slots: TrainSlotItem[];
}) {
  const { day, freezes, slots } = props;
  return (
    <>
      {freezes.map(freeze => (
        <CalendarFreeze
          key={`${freeze.freezeId}-${freeze.start}`}
          freeze={freeze}
          day={day}
        />
      ))}
      {slots
        .filter(slot => coversDay(slot, day))
        .map(slot => (
          <CalendarTrainSlot
            key={`${slot.trainId}-${slot.start}`}
            slot={slot}
          />
        ))}
    </>
  );
}

/** A legend entry: an icon and what it means. */
function IconEntry(props: { icon: ReactNode; text: string }) {
  return (
    <Typography
      variant="caption"
      role="listitem"
      style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
    >
      {props.icon}
      {props.text}
    </Typography>
  );
}

/** The readiness and conflict marks of the legend, by icon and colour. */
const MARKS = [
  { Icon: CheckCircleIcon, color: 'success', text: 'ready' },
  { Icon: BlockIcon, color: 'error', text: 'not ready' },
  { Icon: ErrorIcon, color: 'error', text: 'blocking conflict' },
] as const;

/**
 * The colours of the release types, the shading of freezes and the train
 * slot icon; with `marks`, also the readiness, conflict and live marks.
 */
export function CalendarLegend(props: { marks?: boolean }) {
  const classes = useStyles();
  const theme = useTheme();
  const small = { fontSize: 14 };
  return (
    <Cluster gap={12} aria-label="Legend" role="list">
      {RELEASE_TYPES.map(type => (
        <Typography key={type} variant="caption" role="listitem">
          <span
            className={classes.swatch}
            style={{ background: releaseTypeColor(type) }}
          />
          {type}
        </Typography>
      ))}
      <Typography variant="caption" role="listitem">
        <span className={`${classes.swatch} ${classes.freezeSwatch}`} />
        freeze
      </Typography>
      <IconEntry
        icon={<TrainIcon style={small} aria-hidden />}
        text="train slot"
      />
      {props.marks && (
        <>
          {MARKS.map(({ Icon, color, text }) => (
            <IconEntry
              key={text}
              icon={
                <Icon
                  style={{ ...small, color: theme.palette[color].main }}
                  aria-hidden
                />
              }
              text={text}
            />
          ))}
          <IconEntry
            icon={
              <span className={`${classes.swatch} ${classes.liveSwatch}`} />
            }
            text="live now"
          />
        </>
      )}
    </Cluster>
  );
}
