import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles } from '@material-ui/core/styles';
import ChevronLeftIcon from '@material-ui/icons/ChevronLeft';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import {
  Release,
  TrainSlot,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import { KeyboardEvent, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { CalendarLegend } from '../ReleaseCalendar/CalendarItems';
import { releaseTypeColor } from '../ReleaseCalendar/calendarModel';
import { useCalendarData } from '../ReleaseCalendar/useCalendarData';
import { ConflictFlag } from '../shared/ConflictFlag';
import { formatWindow, stateLabel } from '../shared/format';
import { useReleaseLink } from '../shared/useReleaseLink';
import {
  dependenciesOf,
  GROUP_HEIGHT,
  groupReleases,
  placeOnAxis,
  pointOnAxis,
  ROW_HEIGHT,
  rowCentres,
  rowsHeight,
  TimeRange,
} from './timelineModel';

const LABEL_WIDTH = 220;
const FREEZE_TINT = '#1e88e5';
const NO_FILTER = {};

const useStyles = makeStyles(theme => ({
  frame: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: 4,
    overflowX: 'auto',
  },
  inner: { minWidth: 760 },
  axis: {
    display: 'grid',
    gridTemplateColumns: `${LABEL_WIDTH}px 1fr`,
    borderBottom: `1px solid ${theme.palette.divider}`,
    height: 28,
  },
  axisScale: { position: 'relative' },
  tickLabel: {
    position: 'absolute',
    top: 4,
    paddingLeft: 4,
    whiteSpace: 'nowrap',
    color: theme.palette.text.secondary,
    borderLeft: `1px solid ${theme.palette.divider}`,
  },
  body: { position: 'relative' },
  layer: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    left: LABEL_WIDTH,
    right: 0,
    pointerEvents: 'none',
  },
  weekLine: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    borderLeft: `1px dashed ${theme.palette.divider}`,
  },
  freeze: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    backgroundColor: alpha(FREEZE_TINT, 0.1),
    backgroundImage: `repeating-linear-gradient(45deg, transparent, transparent 8px, ${alpha(
      FREEZE_TINT,
      0.08,
    )} 8px, ${alpha(FREEZE_TINT, 0.08)} 16px)`,
  },
  trainTick: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    width: 0,
    borderLeft: `2px dotted ${theme.palette.secondary.main}`,
    pointerEvents: 'auto',
  },
  today: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    borderLeft: `2px solid ${theme.palette.primary.main}`,
  },
  group: {
    height: GROUP_HEIGHT,
    display: 'flex',
    alignItems: 'center',
    paddingLeft: theme.spacing(1),
    fontWeight: 600,
    background: alpha(theme.palette.text.primary, 0.04),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  row: {
    display: 'grid',
    gridTemplateColumns: `${LABEL_WIDTH}px 1fr`,
    height: ROW_HEIGHT,
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  rowLabel: {
    paddingLeft: theme.spacing(2),
    alignSelf: 'center',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  track: { position: 'relative' },
  bar: {
    position: 'absolute',
    top: 5,
    height: ROW_HEIGHT - 10,
    minWidth: 6,
    borderRadius: 4,
    color: '#fff',
    fontSize: theme.typography.caption.fontSize,
    lineHeight: `${ROW_HEIGHT - 10}px`,
    padding: theme.spacing(0, 0.75),
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    cursor: 'pointer',
    zIndex: 1,
    boxSizing: 'border-box',
    '&:focus': {
      outline: `3px solid ${theme.palette.primary.dark}`,
      outlineOffset: 1,
    },
  },
  cancelled: { textDecoration: 'line-through', opacity: 0.6 },
  connectors: {
    position: 'absolute',
    top: 0,
    left: LABEL_WIDTH,
    width: `calc(100% - ${LABEL_WIDTH}px)`,
    pointerEvents: 'none',
    overflow: 'visible',
    zIndex: 2,
  },
}));

/** The train slots starting in a range, of every train; none when trains are unavailable. */
function useTrainSlots(from: string, to: string) {
  const api = useApi(releaseCoordinationApiRef);
  const { value } = useAsync(async () => {
    try {
      const trains = await api.listTrains();
      const slots = await Promise.all(
        trains.map(train =>
          api
            .listTrainSlots(train.id, { from, to, count: 200 })
            .then(items => items.map(slot => ({ slot, name: train.name })))
            .catch(() => []),
        ),
      );
      return slots.flat();
    } catch {
      return [];
    }
  }, [api, from, to]);
  return value ?? ([] as Array<{ slot: TrainSlot; name: string }>);
}

/** The system of each entity of the releases, from the catalog when installed. */
function useSystems(releases: Release[], enabled: boolean) {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const refs = [...new Set(releases.flatMap(r => r.entityRefs))].sort();
  const key = refs.join(',');
  const { value } = useAsync(async () => {
    const systems = new Map<string, string>();
    if (!enabled || !catalogApi || refs.length === 0) return systems;
    for (const ref of refs) {
      if (parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'system') {
        systems.set(ref, ref);
      }
    }
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.system'],
    });
    items.forEach((entity, index) => {
      const system = entity?.spec?.system;
      if (typeof system === 'string' && system) {
        systems.set(
          refs[index],
          stringifyEntityRef(
            parseEntityRef(system, {
              defaultKind: 'system',
              defaultNamespace: entity!.metadata.namespace ?? 'default',
            }),
          ),
        );
      }
    });
    return systems;
  }, [catalogApi, key, enabled]);
  return value ?? new Map<string, string>();
}

function shortRef(ref: string): string {
  try {
    const { namespace, name } = parseEntityRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}

/** Props of {@link ReleaseTimeline}. */
export interface ReleaseTimelineProps {
  /** The current time; the clock by default. */
  now?: Date | string | number;
  /** How many weeks the axis spans; 6 by default. */
  weeks?: number;
}

/**
 * A Gantt-style timeline of releases: one bar per release on a time axis
 * (the next six weeks by default), in rows grouped by owner or system, coloured
 * by type with the state, freezes shaded, release-train slots as ticks and
 * connectors from each release to those that must follow it. Bars are links:
 * click or Enter opens the release.
 */
export function ReleaseTimeline(props: ReleaseTimelineProps) {
  const { weeks = 6 } = props;
  const classes = useStyles();
  const navigate = useNavigate();
  const releaseLink = useReleaseLink();
  const today = useMemo(
    () =>
      props.now === undefined
        ? DateTime.local()
        : DateTime.fromJSDate(new Date(props.now)),
    [props.now],
  );
  const [offset, setOffset] = useState(0);
  const [groupBy, setGroupBy] = useState<'owner' | 'system'>('owner');
  const start = today.startOf('day').plus({ weeks: offset * weeks });
  const end = start.plus({ weeks });
  const from = start.toUTC().toISO()!;
  const to = end.toUTC().toISO()!;
  const range: TimeRange = { from: start.toMillis(), to: end.toMillis() };
  const data = useCalendarData(NO_FILTER, from, to);
  const trainSlots = useTrainSlots(from, to);
  const systems = useSystems(data.releases, groupBy === 'system');

  const groups = useMemo(
    () =>
      groupBy === 'owner'
        ? groupReleases(data.releases, r => r.ownerRef, 'No owner')
        : groupReleases(
            data.releases,
            r =>
              r.entityRefs
                .map(ref => systems.get(ref))
                .find((s): s is string => Boolean(s)),
            'No system',
          ),
    [data.releases, groupBy, systems],
  );
  const centres = rowCentres(groups);
  const height = rowsHeight(groups);
  const dependencies = dependenciesOf(data.releases);

  const open = (release: Release) => {
    if (releaseLink) navigate(releaseLink(release.id));
  };
  const onKey = (event: KeyboardEvent, release: Release) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open(release);
    }
  };

  const ticks: DateTime[] = [];
  for (
    let t = start.startOf('week').plus({ weeks: 1 });
    t < end;
    t = t.plus({ weeks: 1 })
  ) {
    ticks.push(t);
  }

  let body;
  if (!data.loaded) body = <Progress />;
  else if (data.error) body = <ResponseErrorPanel error={data.error} />;
  else if (data.releases.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No releases in this period.
      </Typography>
    );
  } else {
    body = (
      <div className={classes.frame}>
        <div className={classes.inner}>
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
          <div className={classes.body}>
            <div className={classes.layer}>
              {ticks.map(t => (
                <div
                  key={t.toISODate()}
                  className={classes.weekLine}
                  style={{ left: `${pointOnAxis(range, t.toMillis())}%` }}
                />
              ))}
              {data.freezes.map(freeze => {
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
              {today.toMillis() >= range.from &&
                today.toMillis() <= range.to && (
                  <div
                    className={classes.today}
                    title="Now"
                    style={{
                      left: `${pointOnAxis(range, today.toMillis())}%`,
                    }}
                  />
                )}
            </div>
            {groups.map(group => (
              <div key={group.key} role="rowgroup" aria-label={group.key}>
                <Typography
                  variant="body2"
                  component="div"
                  className={classes.group}
                >
                  {group.key.includes(':') ? shortRef(group.key) : group.key}
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
                      </Typography>
                      <div className={classes.track}>
                        {place && (
                          <div
                            role="link"
                            tabIndex={0}
                            aria-label={`${label}, ${
                              release.type
                            }, ${stateLabel(release.state)}, ${formatWindow(
                              release.window,
                            )}`}
                            title={`${label} · ${release.type} · ${stateLabel(
                              release.state,
                            )} · ${formatWindow(release.window)}`}
                            data-testid="timeline-bar"
                            data-release-id={release.id}
                            className={`${classes.bar} ${
                              release.state === 'cancelled'
                                ? classes.cancelled
                                : ''
                            }`}
                            style={{
                              left: `${place.left}%`,
                              width: `${place.width}%`,
                              background: releaseTypeColor(release.type),
                            }}
                            onClick={() => open(release)}
                            onKeyDown={event => onKey(event, release)}
                          >
                            {stateLabel(release.state)}
                          </div>
                        )}
                      </div>
                    </div>
                  );
                })}
              </div>
            ))}
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
          </div>
        </div>
      </div>
    );
  }

  return (
    <Box data-testid="release-timeline">
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
            aria-label="Previous period"
            onClick={() => setOffset(o => o - 1)}
          >
            <ChevronLeftIcon />
          </IconButton>
          <Button size="small" variant="outlined" onClick={() => setOffset(0)}>
            Today
          </Button>
          <IconButton
            size="small"
            aria-label="Next period"
            onClick={() => setOffset(o => o + 1)}
          >
            <ChevronRightIcon />
          </IconButton>
          <Typography
            variant="h6"
            component="h2"
            aria-live="polite"
            style={{ marginLeft: 8 }}
          >
            {start.toFormat('LLL d')} –{' '}
            {end.minus({ days: 1 }).toFormat('LLL d, yyyy')}
          </Typography>
        </Box>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={groupBy}
          aria-label="Group by"
          onChange={(_event, next) => next && setGroupBy(next)}
        >
          <ToggleButton value="owner" aria-label="Group by owner">
            Owner
          </ToggleButton>
          <ToggleButton value="system" aria-label="Group by system">
            System
          </ToggleButton>
        </ToggleButtonGroup>
      </Box>
      {body}
      <Box marginTop={1} display="flex" flexWrap="wrap" style={{ gap: 16 }}>
        <CalendarLegend />
        <Typography variant="caption" color="textSecondary">
          Dotted lines: release-train slots · arrows: must follow (red when
          scheduled too early)
        </Typography>
      </Box>
    </Box>
  );
}
