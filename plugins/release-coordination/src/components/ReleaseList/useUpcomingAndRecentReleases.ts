import { useMemo } from 'react';
import { ListReleasesRequest } from '../../api/ReleaseCoordinationApi';
import { useReleaseList } from './useReleaseList';
import { liveFirst, UNFINISHED_STATES } from '../ReleaseCalendar/scheduleModel';

const DAY_MS = 24 * 60 * 60 * 1000;
const PAGE_SIZE = 20;

/**
 * The releases of a scope still to come or ongoing, live ones first, then
 * soonest first (unfinished ones only unless `includeFinished` or the scope
 * names states), and, when `recentDays` is set, those that ended in the last
 * days, newest first. Reloads both lists from their first page when
 * `reloadKey` changes.
 */
export function useUpcomingAndRecentReleases(
  scope: ListReleasesRequest,
  recentDays: number | undefined,
  reloadKey: number,
  includeFinished = false,
) {
  // Recomputed on reload, so that "now" moves on with the lists.
  const now = useMemo(() => Date.now(), [reloadKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const upcomingQuery = useMemo<ListReleasesRequest>(
    () => ({
      ...(includeFinished ? {} : { state: [...UNFINISHED_STATES] }),
      ...scope,
      from: new Date(now).toISOString(),
      order: 'asc',
      limit: PAGE_SIZE,
    }),
    [scope, now, includeFinished],
  );
  const recentQuery = useMemo<ListReleasesRequest>(
    () => ({
      ...scope,
      from: new Date(now - (recentDays ?? 0) * DAY_MS).toISOString(),
      to: new Date(now).toISOString(),
      order: 'desc',
      limit: PAGE_SIZE,
    }),
    [scope, now, recentDays],
  );

  const loaded = useReleaseList(upcomingQuery, reloadKey);
  const upcoming = useMemo(
    () => ({ ...loaded, items: [...loaded.items].sort(liveFirst) }),
    [loaded],
  );
  const recent = useReleaseList(
    recentDays ? recentQuery : undefined,
    reloadKey,
  );
  // Ongoing releases are listed as upcoming, so recent ones are those that ended.
  const recentItems = recentDays
    ? recent.items.filter(release => Date.parse(release.window.end) < now)
    : [];
  return { upcoming, recent, recentItems };
}
