import { Progress } from '@backstage/core-components';
import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { Suspense } from 'react';
import { FreezesTab } from '../Freezes';
import { UpcomingReleaseImpact } from '../Impact';
import { SharedReleaseCalendar } from '../ReleaseCalendar';
import { ReleasesOverview } from '../ReleaseList';
import { ReleaseTimeline } from '../Timeline';
import { TrainsTab } from '../Trains';
import { OpenIssuesTab } from '../ReleaseIssues';
import { ReviewsList } from '../Reviews';
import { DeliveryMetrics } from '../DeliveryMetrics';
import { ApprovalInbox } from '../Inbox';

const ALL_RELEASES = {};

const TABS = [
  'calendar',
  'list',
  'timeline',
  'trains',
  'freezes',
  'impact',
  'issues',
  'reviews',
  'metrics',
  'inbox',
] as const;

/**
 * The organisation's releases: a calendar with filters (the default), the
 * list of upcoming releases, the timeline, the release trains or the
 * freezes or every upcoming release's impact, chosen with `?tab=list`,
 * `?tab=timeline`, `?tab=trains`, `?tab=freezes`, `?tab=impact` or
 * `?tab=issues` (the open issues), `?tab=reviews` (post-release reviews) or
 * `?tab=metrics` (delivery metrics) or `?tab=inbox` (what the user's teams
 * must decide) so links
 * can be shared.
 */
export function ReleasesHome(props: { now?: Date | string | number }) {
  const [params, setParams] = useAppSearchParams();
  const tab =
    TABS.find(t => t !== 'calendar' && t === params.get('tab')) ?? 'calendar';
  return (
    <>
      <Box marginBottom={2}>
        <Tabs
          value={tab}
          indicatorColor="primary"
          textColor="primary"
          aria-label="Releases view"
          onChange={(_event, next: string) =>
            setParams(previous => {
              const query = new URLSearchParams(previous);
              if (next !== 'calendar') query.set('tab', next);
              else query.delete('tab');
              return query;
            })
          }
        >
          <Tab value="calendar" label="Calendar" />
          <Tab value="list" label="List" />
          <Tab value="timeline" label="Timeline" />
          <Tab value="trains" label="Trains" />
          <Tab value="freezes" label="Freezes" />
          <Tab value="impact" label="Impact" />
          <Tab value="issues" label="Open issues" />
          <Tab value="reviews" label="Reviews" />
          <Tab value="metrics" label="Metrics" />
          <Tab value="inbox" label="Waiting for my team" />
        </Tabs>
      </Box>
      {/* The list's table loads lazily; keep the tabs while it does. */}
      <Suspense fallback={<Progress />}>
        {tab === 'calendar' && (
          <SharedReleaseCalendar showFilters now={props.now} />
        )}
        {tab === 'list' && <ReleasesOverview scope={ALL_RELEASES} />}
        {tab === 'timeline' && <ReleaseTimeline now={props.now} />}
        {tab === 'trains' && <TrainsTab now={props.now} />}
        {tab === 'freezes' && <FreezesTab now={props.now} />}
        {tab === 'impact' && <UpcomingReleaseImpact now={props.now} />}
        {tab === 'issues' && <OpenIssuesTab />}
        {tab === 'reviews' && <ReviewsList />}
        {tab === 'metrics' && <DeliveryMetrics scope="organisation" />}
        {tab === 'inbox' && <ApprovalInbox />}
      </Suspense>
    </>
  );
}
