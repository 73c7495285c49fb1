import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  FreezeOccurrence,
  MAX_PAGE_SIZE,
  Release,
} from '@internal/plugin-release-coordination-common';
import { useEffect, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  ListReleasesRequest,
  releaseCoordinationApiRef,
} from '../../api/ReleaseCoordinationApi';
import { UNFINISHED_STATES } from './scheduleModel';
import { ReleaseCalendarFilter } from './types';

/** Most releases the calendar loads for one range. */
export const MAX_CALENDAR_RELEASES = 1000;

/** What the calendar loaded for its range. */
export interface CalendarData {
  releases: Release[];
  freezes: FreezeOccurrence[];
  /** More releases matched than {@link MAX_CALENDAR_RELEASES}. */
  capped: boolean;
  /** Loading (the first time, or again for another range or filter). */
  loading: boolean;
  /** Loaded at least once, so there is something to show while reloading. */
  loaded: boolean;
  error?: Error;
  /** Why the freezes could not be loaded; the releases show regardless. */
  freezeError?: Error;
}

/**
 * The server-side part of a filter: what the listing of releases takes.
 * Without states it asks for the unfinished ones only.
 */
export function releaseQueryOf(
  filter: ReleaseCalendarFilter,
): ListReleasesRequest {
  const query: ListReleasesRequest = {};
  if (filter.entityRef?.length) query.entityRef = filter.entityRef;
  if (filter.system) query.system = filter.system;
  if (filter.domain) query.domain = filter.domain;
  if (filter.owner) query.owner = filter.owner;
  if (filter.type?.length) query.type = filter.type;
  query.state = filter.state?.length ? filter.state : [...UNFINISHED_STATES];
  return query;
}

/** The entities freezes must apply to for a filter; undefined for all freezes. */
export function freezeRefsOf(
  filter: ReleaseCalendarFilter,
): string[] | undefined {
  const refs = [
    ...(filter.entityRef ?? []),
    filter.system,
    filter.domain,
    filter.owner,
  ].filter((ref): ref is string => Boolean(ref));
  return refs.length ? refs : undefined;
}

async function loadReleases(
  list: (request: ListReleasesRequest) => Promise<{
    items: Release[];
    nextCursor?: string;
  }>,
  query: ListReleasesRequest,
) {
  const releases: Release[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({
      ...query,
      order: 'asc',
      limit: MAX_PAGE_SIZE,
      cursor,
    });
    releases.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && releases.length < MAX_CALENDAR_RELEASES);
  return {
    releases: releases.slice(0, MAX_CALENDAR_RELEASES),
    capped: Boolean(cursor) || releases.length > MAX_CALENDAR_RELEASES,
  };
}

/**
 * Loads the releases (following pages up to {@link MAX_CALENDAR_RELEASES}) and
 * freeze occurrences overlapping a range. A backend without freezes (404) gives
 * no freezes; other failures of the freezes are reported apart from the releases.
 * With `onlyMine`, keeps the releases the user's groups own or the user created.
 */
export function useCalendarData(
  filter: ReleaseCalendarFilter,
  from: string,
  to: string,
  reloadKey: number = 0,
): CalendarData {
  const api = useApi(releaseCoordinationApiRef);
  const identityApi = useApi(identityApiRef);
  const queryKey = JSON.stringify({
    ...releaseQueryOf(filter),
    from,
    to,
  });
  const freezeKey = JSON.stringify({
    from,
    to,
    entityRef: freezeRefsOf(filter),
  });
  const [state, setState] = useState<
    Omit<CalendarData, 'releases'> & {
      all: Release[];
    }
  >({ all: [], freezes: [], capped: false, loading: true, loaded: false });

  useEffect(() => {
    let cancelled = false;
    setState(previous => ({ ...previous, loading: true }));
    const freezeRequest = JSON.parse(freezeKey);
    if (!freezeRequest.entityRef) delete freezeRequest.entityRef;
    Promise.all([
      loadReleases(request => api.listReleases(request), JSON.parse(queryKey)),
      api.listFreezeOccurrences(freezeRequest).then(
        freezes => ({ freezes, freezeError: undefined }),
        (error: Error) =>
          error instanceof ResponseError && error.statusCode === 404
            ? { freezes: [], freezeError: undefined }
            : { freezes: [], freezeError: error },
      ),
    ]).then(
      ([{ releases, capped }, { freezes, freezeError }]) => {
        if (!cancelled) {
          setState({
            all: releases,
            capped,
            freezes,
            freezeError,
            loading: false,
            loaded: true,
          });
        }
      },
      error => {
        if (!cancelled) {
          setState({
            all: [],
            freezes: [],
            capped: false,
            loading: false,
            loaded: true,
            error,
          });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, queryKey, freezeKey, reloadKey]);

  const identity = useAsync(async () => {
    if (!filter.onlyMine) return undefined;
    return identityApi.getBackstageIdentity();
  }, [identityApi, filter.onlyMine]);

  const { all, ...rest } = state;
  const releases = useMemo(() => {
    if (!filter.onlyMine) return all;
    const me = identity.value;
    if (!me) return [];
    const mine = new Set(
      [...me.ownershipEntityRefs, me.userEntityRef].map(ref =>
        ref.toLocaleLowerCase('en-US'),
      ),
    );
    return all.filter(
      release =>
        mine.has(release.ownerRef.toLocaleLowerCase('en-US')) ||
        mine.has(release.createdBy.toLocaleLowerCase('en-US')),
    );
  }, [all, filter.onlyMine, identity.value]);

  return {
    ...rest,
    releases,
    loading: rest.loading || (Boolean(filter.onlyMine) && identity.loading),
    error: rest.error ?? identity.error,
  };
}
