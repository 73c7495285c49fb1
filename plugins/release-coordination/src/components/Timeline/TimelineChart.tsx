import { Link } from '@backstage/core-components';
import {
  FreezeOccurrence,
  LinkedRelease,
  Release,
  ReleaseHotfixLinks,
  entityName,
} from '@internal/plugin-release-coordination-common';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import { KeyboardEvent } from 'react';
import { releaseTypeColor } from '../ReleaseCalendar/calendarModel';
import { ConflictFlag } from '../shared/ConflictFlag';
import { formatWindow, stateLabel } from '../shared/format';
import { useReleaseLink } from '../shared/useReleaseLink';
import {
  barLabel,
  dependenciesOf,
  placeOnAxis,
  pointOnAxis,
  labelOutside,
  rowCentres,
  rowHeight,
  rowsHeight,
  ROW_HEIGHT,
  TimelineRow,
  TimeRange,
} from './timelineModel';
import { EntityRelations } from '../ReleaseCalendar/entityRelations';
import { slotText } from '../ReleaseCalendar/trainSlotText';
import { CalendarTrainSlot } from '../ReleaseCalendar/useCalendarTrainSlots';
import { scopeCovers, scopeText } from '../ReleaseCalendar/scheduleModel';
import { BAR_MIN_WIDTH, useTimelineStyles } from './timelineStyles';
import { StateLabel } from '../Rollback';

/** What the timeline chart shows. */
export interface TimelineChartProps {
  range: TimeRange;
  /** The start of each week after the first, for the axis. */
  ticks: DateTime[];
  now: DateTime;
  freezes: FreezeOccurrence[];
  /** The train slots, those inside a freeze marked (`markFrozenSlots`). */
  trainSlots: CalendarTrainSlot[];
  rows: TimelineRow[];
  /** The catalog facts that decide which rows a freeze or train covers. */
  relations: EntityRelations;
  releases: Release[];
  /** The follow-up hotfix links of the releases that have any, by id. */
  hotfixLinks?: Map<string, ReleaseHotfixLinks>;
  /** Opens a release (its bar was clicked or activated with the keyboard). */
  onOpen: (release: Release) => void;
}

/** The axis of week starts above the chart. */
function TimelineAxis(props: Pick<TimelineChartProps, 'range' | 'ticks'>) {
  const { range, ticks } = props;
  const classes = useTimelineStyles();
  return (
    <div className={classes.axis} aria-hidden>
      <div />
      <div className={classes.axisScale}>
        {ticks.map(t => (
          <Typography
            key={t.toISODate()}
            variant="caption"
            className={classes.tickLabel}
            style={{ left: `${pointOnAxis(range, t.toMillis())}%` }}
          >
            {t.toFormat('LLL d')}
          </Typography>
        ))}
      </div>
    </div>
  );
}

/** Week lines and now, behind the rows. */
function TimelineBackground(props: TimelineChartProps) {
  const { range, ticks, now } = props;
  const classes = useTimelineStyles();
  return (
    <div className={classes.layer}>
      {ticks.map(t => (
        <div
          key={t.toISODate()}
          className={classes.weekLine}
          style={{ left: `${pointOnAxis(range, t.toMillis())}%` }}
        />
      ))}
      {now.toMillis() >= range.from && now.toMillis() <= range.to && (
        <div
          className={classes.today}
          title="Now"
          style={{
            left: `${pointOnAxis(range, now.toMillis())}%`,
          }}
        />
      )}
    </div>
  );
}

/**
 * The freezes and train slots covering a row, drawn on its track; a slot that
 * takes no bookings (inside a freeze, past its cut-off) drawn and titled so.
 */
function RowMarks(props: TimelineChartProps & { row: TimelineRow }) {
  const { range, row, relations } = props;
  const classes = useTimelineStyles();
  const refs = row.key === 'none' ? [] : [row.key];
  const freezes = props.freezes.filter(f =>
    scopeCovers(f.scope, refs, relations),
  );
  const slots = props.trainSlots.filter(t =>
    scopeCovers(
      { all: false, domains: [], groups: [], ...t.trainScope },
      refs,
      relations,
    ),
  );
  return (
    <>
      {freezes.map(freeze => {
        const place = placeOnAxis(range, freeze.start, freeze.end);
        return place ? (
          <div
            key={`${freeze.freezeId}|${freeze.start}`}
            className={classes.freeze}
            data-testid="timeline-freeze"
            title={`Freeze: ${freeze.title} (${scopeText(
              freeze.scope,
            )}) · ${formatWindow(freeze)}`}
            style={{ left: `${place.left}%`, width: `${place.width}%` }}
          />
        ) : null;
      })}
      {slots.map(slot => {
        const text = slotText(slot);
        return (
          <div
            key={`${slot.trainId}|${slot.start}`}
            className={`${classes.trainTick} ${
              text.bookable ? '' : classes.notBookable
            }`}
            data-testid="timeline-train-slot"
            data-bookable={text.bookable ? 'true' : 'false'}
            title={text.title}
            style={{ left: `${pointOnAxis(range, slot.start)}%` }}
          />
        );
      })}
    </>
  );
}

/** Under a release's label: the release it follows up, or its hotfixes. */
function HotfixLinkLine(props: { links: ReleaseHotfixLinks }) {
  const link = useReleaseLink();
  const { hotfixOf, hotfixes } = props.links;
  const to = (release: LinkedRelease) => {
    const text = `${release.title} ${release.version}`;
    return link ? <Link to={link(release.id)}>{text}</Link> : text;
  };
  return (
    <Typography
      variant="caption"
      component="div"
      data-testid="timeline-hotfix-link"
    >
      {hotfixOf ? (
        <>↳ follow-up hotfix of {to(hotfixOf)}</>
      ) : (
        <>
          ↳ follow-up hotfix:{' '}
          {hotfixes.map((hotfix, index) => (
            <span key={hotfix.id}>
              {index > 0 && ', '}
              {to(hotfix)}
            </span>
          ))}
        </>
      )}
    </Typography>
  );
}

/** A release's bar on a row, its label inside or, when short, beside it. */
function ReleaseBar(props: {
  release: Release;
  lane: number;
  range: TimeRange;
  hotfixLinks?: ReleaseHotfixLinks;
  onOpen: (release: Release) => void;
}) {
  const { release, lane, range, onOpen } = props;
  const classes = useTimelineStyles();
  const place = placeOnAxis(range, release.window.start, release.window.end);
  if (!place) return null;
  const label = `${release.title} ${release.version}`;
  const outside = labelOutside(place.width, barLabel(release));
  const description = `${label}, ${release.type}, ${stateLabel(
    release.state,
  )}, ${formatWindow(release.window)}`;
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(release);
    }
  };
  return (
    <>
      <div
        role="link"
        tabIndex={0}
        aria-label={description}
        title={description.replace(/, /g, ' · ')}
        data-testid="timeline-bar"
        data-release-id={release.id}
        data-label-outside={outside ? 'true' : undefined}
        className={`${classes.bar} ${
          release.state === 'cancelled' ? classes.cancelled : ''
        }`}
        style={{
          top: lane * ROW_HEIGHT + 5,
          left: `${place.left}%`,
          width: `${place.width}%`,
          background: releaseTypeColor(release.type),
        }}
        onClick={() => onOpen(release)}
        onKeyDown={onKey}
      >
        {!outside && (
          <>
            <ConflictFlag conflicts={release.conflicts} fontSize="inherit" />{' '}
            {label} · <StateLabel state={release.state} />
          </>
        )}
      </div>
      {(outside || props.hotfixLinks) && (
        <Typography
          variant="caption"
          component="div"
          className={classes.sideLabel}
          style={{
            top: lane * ROW_HEIGHT,
            // after the bar, which is never narrower than BAR_MIN_WIDTH
            left: `calc(${place.left}% + max(${place.width}%, ${BAR_MIN_WIDTH}px))`,
          }}
        >
          {outside && (
            <>
              <ConflictFlag conflicts={release.conflicts} fontSize="inherit" />{' '}
              {label} · <StateLabel state={release.state} />
            </>
          )}
          {props.hotfixLinks && <HotfixLinkLine links={props.hotfixLinks} />}
        </Typography>
      )}
    </>
  );
}

/** A row per System, entity or owner: its name, its freezes, slots and bars. */
function TimelineRows(props: TimelineChartProps) {
  const { range, rows, onOpen, hotfixLinks } = props;
  const classes = useTimelineStyles();
  return (
    <>
      {rows.map(row => {
        const name = row.key === 'none' ? 'No system' : entityName(row.key);
        return (
          <div
            key={row.key}
            role="group"
            aria-label={name}
            className={classes.row}
            style={{ height: rowHeight(row) }}
            data-testid="timeline-row"
            data-row-key={row.key}
          >
            <Typography
              variant="body2"
              className={classes.rowLabel}
              title={row.key}
            >
              {name}
            </Typography>
            <div className={classes.track}>
              <RowMarks {...props} row={row} />
              {row.releases.map(({ item: release, lane }) => (
                <ReleaseBar
                  key={release.id}
                  release={release}
                  lane={lane}
                  range={range}
                  hotfixLinks={hotfixLinks?.get(release.id)}
                  onOpen={onOpen}
                />
              ))}
            </div>
          </div>
        );
      })}
    </>
  );
}

/** Arrows from each release to those that must follow it, red when too early. */
function TimelineConnectors(props: TimelineChartProps) {
  const { range, rows, releases } = props;
  const classes = useTimelineStyles();
  const centres = rowCentres(rows);
  const height = rowsHeight(rows);
  const dependencies = dependenciesOf(releases);
  return (
    <svg
      className={classes.connectors}
      height={height}
      aria-hidden
      data-testid="timeline-connectors"
    >
      <defs>
        <marker
          id="timeline-arrow"
          viewBox="0 0 10 10"
          refX="10"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" fill="context-stroke" />
        </marker>
      </defs>
      {dependencies.map(dep => {
        const y1 = centres.get(dep.from.id);
        const y2 = centres.get(dep.to.id);
        if (y1 === undefined || y2 === undefined) return null;
        const x1 = `${pointOnAxis(range, dep.from.window.end)}%`;
        const x2 = `${pointOnAxis(range, dep.to.window.start)}%`;
        const color = dep.violated ? '#d32f2f' : '#757575';
        return (
          <g
            key={`${dep.from.id}>${dep.to.id}`}
            data-testid="timeline-connector"
            data-from={dep.from.id}
            data-to={dep.to.id}
            data-violated={dep.violated}
            stroke={color}
            strokeWidth={1.5}
          >
            <line x1={x1} y1={y1} x2={x1} y2={y2} />
            <line
              x1={x1}
              y1={y2}
              x2={x2}
              y2={y2}
              markerEnd="url(#timeline-arrow)"
            />
          </g>
        );
      })}
    </svg>
  );
}

/** The chart of the release timeline: axis, background, bars and arrows. */
export function TimelineChart(props: TimelineChartProps) {
  const classes = useTimelineStyles();
  return (
    <div className={classes.frame}>
      <div className={classes.inner}>
        <TimelineAxis range={props.range} ticks={props.ticks} />
        <div className={classes.body}>
          <TimelineBackground {...props} />
          <TimelineRows {...props} />
          <TimelineConnectors {...props} />
        </div>
      </div>
    </div>
  );
}
