import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Release } from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { CalendarLegend } from '../ReleaseCalendar/CalendarItems';
import { useCalendarData } from '../ReleaseCalendar/useCalendarData';
import { ChoiceToggle } from '../shared/ChoiceToggle';
import { PeriodToolbar } from '../shared/PeriodToolbar';
import { useReleaseLink } from '../shared/useReleaseLink';
import { TimelineChart } from './TimelineChart';
import { groupReleases, TimeRange } from './timelineModel';
import { useHotfixLinks, useSystems, useTrainSlots } from './useTimelineData';

const NO_FILTER = {};

type GroupBy = 'owner' | 'system';

const GROUP_BY_CHOICES = [
  { value: 'owner', label: 'Owner', ariaLabel: 'Group by owner' },
  { value: 'system', label: 'System', ariaLabel: 'Group by system' },
] as const;

/** Moves between periods and switches the grouping. */
function TimelineToolbar(props: {
  start: DateTime;
  end: DateTime;
  groupBy: GroupBy;
  onMove: (move: (offset: number) => number) => void;
  onGroupBy: (groupBy: GroupBy) => void;
}) {
  const { start, end, groupBy, onMove, onGroupBy } = props;
  return (
    <PeriodToolbar
      periodName="period"
      title={`${start.toFormat('LLL d')} – ${end
        .minus({ days: 1 })
        .toFormat('LLL d, yyyy')}`}
      onPrevious={() => onMove(o => o - 1)}
      onToday={() => onMove(() => 0)}
      onNext={() => onMove(o => o + 1)}
    >
      <ChoiceToggle
        label="Group by"
        value={groupBy}
        choices={GROUP_BY_CHOICES}
        onChange={onGroupBy}
      />
    </PeriodToolbar>
  );
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
  const [groupBy, setGroupBy] = useState<GroupBy>('owner');
  const start = today.startOf('day').plus({ weeks: offset * weeks });
  const end = start.plus({ weeks });
  const from = start.toUTC().toISO()!;
  const to = end.toUTC().toISO()!;
  const range: TimeRange = { from: start.toMillis(), to: end.toMillis() };
  const data = useCalendarData(NO_FILTER, from, to);
  const trainSlots = useTrainSlots(from, to);
  const systems = useSystems(data.releases, groupBy === 'system');
  const hotfixLinks = useHotfixLinks(data.releases);

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
        groups={groups}
        releases={data.releases}
        hotfixLinks={hotfixLinks}
        onOpen={open}
      />
    );
  }

  return (
    <Box data-testid="release-timeline">
      <TimelineToolbar
        start={start}
        end={end}
        groupBy={groupBy}
        onMove={setOffset}
        onGroupBy={setGroupBy}
      />
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
