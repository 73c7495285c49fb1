import { Progress } from '@backstage/core-components';
import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { Suspense } from 'react';
import { SharedReleaseCalendar } from '../ReleaseCalendar';
import { ReleasesOverview } from '../ReleaseList';

const ALL_RELEASES = {};

/**
 * The organisation's releases: a calendar with filters (the default) or the
 * list of upcoming releases, chosen with `?tab=list` so links can be shared.
 */
export function ReleasesHome(props: { now?: Date | string | number }) {
  const [params, setParams] = useAppSearchParams();
  const tab = params.get('tab') === 'list' ? 'list' : 'calendar';
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
              if (next === 'list') query.set('tab', 'list');
              else query.delete('tab');
              return query;
            })
          }
        >
          <Tab value="calendar" label="Calendar" />
          <Tab value="list" label="List" />
        </Tabs>
      </Box>
      {/* The list's table loads lazily; keep the tabs while it does. */}
      <Suspense fallback={<Progress />}>
        {tab === 'calendar' ? (
          <SharedReleaseCalendar showFilters now={props.now} />
        ) : (
          <ReleasesOverview scope={ALL_RELEASES} />
        )}
      </Suspense>
    </>
  );
}
