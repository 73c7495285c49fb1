import { Link } from '@backstage/core-components';
import {
  FreezeOccurrence,
  LinkedRelease,
  Release,
  ReleaseHotfixLinks,
  TrainSlot,
} from '@internal/plugin-release-coordination-common';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import { KeyboardEvent } from 'react';
import { releaseTypeColor } from '../ReleaseCalendar/calendarModel';
import { ConflictFlag } from '../shared/ConflictFlag';
import { shortRef } from '../shared/shortRef';
import { formatWindow, stateLabel } from '../shared/format';
import { useReleaseLink } from '../shared/useReleaseLink';
import {
  dependenciesOf,
  placeOnAxis,
  pointOnAxis,
  rowCentres,
  rowsHeight,
  TimelineGroup,
  TimeRange,
} from './timelineModel';
import { useTimelineStyles } from './timelineStyles';
import { StateLabel } from '../Rollback';

/** What the timeline chart shows. */
export interface TimelineChartProps {
  range: TimeRange;
  /** The start of each week after the first, for the axis. */
  ticks: DateTime[];
  now: DateTime;
  freezes: FreezeOccurrence[];
  trainSlots: Array<{ slot: TrainSlot; name: string }>;
  groups: TimelineGroup[];
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

/** Week lines, freezes, train slots and now, behind the bars. */
function TimelineBackground(props: TimelineChartProps) {
  const { range, ticks, now, freezes, trainSlots } = props;
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
      {freezes.map(freeze => {
        const place = placeOnAxis(range, freeze.start, freeze.end);
        return place ? (
          <div
            key={`${freeze.freezeId}|${freeze.start}`}
            className={classes.freeze}
            data-testid="timeline-freeze"
            title={`Freeze: ${freeze.title} · ${formatWindow(freeze)}`}
            style={{ left: `${place.left}%`, width: `${place.width}%` }}
          />
        ) : null;
      })}
      {trainSlots.map(({ slot, name }) => (
        <div
          key={`${slot.trainId}|${slot.start}`}
          className={classes.trainTick}
          data-testid="timeline-train-slot"
          title={`${name}: ${formatWindow(slot)}${
            slot.bookable ? '' : ' (cut-off passed)'
          }`}
          style={{ left: `${pointOnAxis(range, slot.start)}%` }}
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

/** The rows of each group, with a bar per release. */
function TimelineGroups(props: TimelineChartProps) {
  const { range, groups, onOpen } = props;
  const classes = useTimelineStyles();
  const onKey = (event: KeyboardEvent, release: Release) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(release);
    }
  };
  return (
    <>
      {groups.map(group => (
        <div key={group.key} role="rowgroup" aria-label={group.key}>
          <Typography variant="body2" component="div" className={classes.group}>
            {group.key.includes(':')
              ? shortRef(group.key, { withKind: false })
              : group.key}
          </Typography>
          {group.releases.map(release => {
            const place = placeOnAxis(
              range,
              release.window.start,
              release.window.end,
            );
            const label = `${release.title} ${release.version}`;
            return (
              <div key={release.id} className={classes.row}>
                <Typography
                  variant="body2"
                  className={classes.rowLabel}
                  title={label}
                >
                  <ConflictFlag conflicts={release.conflicts} /> {label}
                  {props.hotfixLinks?.has(release.id) && (
                    <HotfixLinkLine
                      links={props.hotfixLinks.get(release.id)!}
                    />
                  )}
                </Typography>
                <div className={classes.track}>
                  {place && (
                    <div
                      role="link"
                      tabIndex={0}
                      aria-label={`${label}, ${release.type}, ${stateLabel(
                        release.state,
                      )}, ${formatWindow(release.window)}`}
                      title={`${label} · ${release.type} · ${stateLabel(
                        release.state,
                      )} · ${formatWindow(release.window)}`}
                      data-testid="timeline-bar"
                      data-release-id={release.id}
                      className={`${classes.bar} ${
                        release.state === 'cancelled' ? classes.cancelled : ''
                      }`}
                      style={{
                        left: `${place.left}%`,
                        width: `${place.width}%`,
                        background: releaseTypeColor(release.type),
                      }}
                      onClick={() => onOpen(release)}
                      onKeyDown={event => onKey(event, release)}
                    >
                      <StateLabel state={release.state} />
                    </div>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      ))}
    </>
  );
}

/** Arrows from each release to those that must follow it, red when too early. */
function TimelineConnectors(props: TimelineChartProps) {
  const { range, groups, releases } = props;
  const classes = useTimelineStyles();
  const centres = rowCentres(groups);
  const height = rowsHeight(groups);
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
          <TimelineGroups {...props} />
          <TimelineConnectors {...props} />
        </div>
      </div>
    </div>
  );
}
