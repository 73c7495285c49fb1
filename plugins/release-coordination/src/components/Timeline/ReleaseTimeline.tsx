import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  FreezeOccurrence,
  Release,
  RELEASE_STATES,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { CalendarLegend } from '../ReleaseCalendar/CalendarItems';
import { useCalendarData } from '../ReleaseCalendar/useCalendarData';
import {
  CalendarTrainSlot,
  useMarkedTrainSlots,
} from '../ReleaseCalendar/useCalendarTrainSlots';
import { PeriodToolbar } from '../shared/PeriodToolbar';
import { useReleaseLink } from '../shared/useReleaseLink';
import { TimelineChart } from './TimelineChart';
import {
  sideLabelSpan,
  TimelineRowsBy,
  timelineRows,
  TimeRange,
} from './timelineModel';
import { useHotfixLinks, useTimelineRelations } from './useTimelineData';

/** The timeline shows releases in every state, finished ones too, and every train. */
const EVERY_STATE = { state: [...RELEASE_STATES] };

type GroupBy = TimelineRowsBy;

const GROUP_BY_CHOICES = [
  { value: 'system', label: 'System', ariaLabel: 'Group by system' },
  { value: 'entity', label: 'Entity', ariaLabel: 'Group by entity' },
  { value: 'owner', label: 'Owner', ariaLabel: 'Group by owner' },
] as const;

/** The refs freezes and trains name of the kind the rows stand for. */
function scopeKeys(
  by: GroupBy,
  freezes: FreezeOccurrence[],
  trainSlots: CalendarTrainSlot[],
): string[] {
  if (by === 'owner') return freezes.flatMap(f => f.scope.groups);
  if (by === 'entity') {
    return [
      ...freezes.flatMap(f => f.scope.entities),
      ...trainSlots.flatMap(t => t.trainScope.entities),
    ];
  }
  return [
    ...freezes.flatMap(f => f.scope.systems),
    ...trainSlots.flatMap(t => t.trainScope.systems),
  ];
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
 * (the next six weeks by default), a row per System, entity or owner (a
 * release on each row it concerns, overlapping ones in lanes), coloured by
 * type with the state; freezes shaded and release-train slots ticked only on
 * the rows they cover (those inside a freeze or past their cut-off marked
 * not bookable); short releases labelled beside their bar; connectors
 * from each release to those that must follow it. Bars are links: click or
 * Enter opens the release.
 */
export function ReleaseTimeline(props: ReleaseTimelineProps) {
  const { weeks = 6 } = props;
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
  const [groupBy, setGroupBy] = useState<GroupBy>('system');
  const start = today.startOf('day').plus({ weeks: offset * weeks });
  const end = start.plus({ weeks });
  const from = start.toUTC().toISO()!;
  const to = end.toUTC().toISO()!;
  const range: TimeRange = { from: start.toMillis(), to: end.toMillis() };
  const data = useCalendarData(EVERY_STATE, from, to);
  const trainSlots = useMarkedTrainSlots(EVERY_STATE, from, to, data.freezes);
  const relations = useTimelineRelations(data.releases);
  const hotfixLinks = useHotfixLinks(data.releases);

  const rows = useMemo(
    () =>
      timelineRows(
        data.releases,
        groupBy,
        relations,
        scopeKeys(groupBy, data.freezes, trainSlots),
        release => sideLabelSpan(range, release),
      ),
    // The range is a new object on each render; its start is what matters.
    [data.releases, data.freezes, trainSlots, groupBy, relations, from], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const open = (release: Release) => {
    if (releaseLink) navigate(releaseLink(release.id));
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
      <TimelineChart
        range={range}
        ticks={ticks}
        now={today}
        freezes={data.freezes}
        trainSlots={trainSlots}
        rows={rows}
        relations={relations}
        releases={data.releases}
        hotfixLinks={hotfixLinks}
        onOpen={open}
      />
    );
  }

  return (
    <Box data-testid="release-timeline">
      <PeriodToolbar
        periodName="period"
        title={`${start.toFormat('LLL d')} – ${end
          .minus({ days: 1 })
          .toFormat('LLL d, yyyy')}`}
        onPrevious={() => setOffset(o => o - 1)}
        onToday={() => setOffset(0)}
        onNext={() => setOffset(o => o + 1)}
        toggleLabel="Group by"
        value={groupBy}
        choices={GROUP_BY_CHOICES}
        onChange={setGroupBy}
      />
      {body}
      <Box marginTop={1} display="flex" flexWrap="wrap" style={{ gap: 16 }}>
        <CalendarLegend />
        <Typography variant="caption" color="textSecondary">
          Dotted lines: release-train slots (on the rows of their trains; solid
          grey when not bookable) · arrows: must follow (red when scheduled too
          early)
        </Typography>
      </Box>
    </Box>
  );
}
