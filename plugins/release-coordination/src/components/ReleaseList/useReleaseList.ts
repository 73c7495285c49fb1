import { useApi } from '@backstage/core-plugin-api';
import { Release } from '@internal/plugin-release-coordination-common';
import { useCallback, useEffect, useState } from 'react';
import {
  ListReleasesRequest,
  releaseCoordinationApiRef,
} from '../../api/ReleaseCoordinationApi';

/** The pages of a release listing loaded so far. */
export interface ReleaseListState {
  items: Release[];
  nextCursor?: string;
  /** Loading the first page. */
  loading: boolean;
  /** Loading a further page. */
  loadingMore: boolean;
  error?: Error;
  loadMore(): void;
}

/**
 * Loads the first page of releases matching `query` and further pages on
 * `loadMore`; nothing when `query` is undefined. Reloads from the first page when `query` or `reloadKey` change.
 */
export function useReleaseList(
  query: ListReleasesRequest | undefined,
  reloadKey: number = 0,
): ReleaseListState {
  const api = useApi(releaseCoordinationApiRef);
  const queryKey = query && JSON.stringify(query);
  const [state, setState] = useState<Omit<ReleaseListState, 'loadMore'>>({
    items: [],
    loading: true,
    loadingMore: false,
  });

  useEffect(() => {
    let cancelled = false;
    if (!queryKey) {
      setState({ items: [], loading: false, loadingMore: false });
      return undefined;
    }
    setState(previous => ({ ...previous, loading: true, error: undefined }));
    api.listReleases(JSON.parse(queryKey)).then(
      page => {
        if (!cancelled) {
          setState({
            items: page.items,
            nextCursor: page.nextCursor,
            loading: false,
            loadingMore: false,
          });
        }
      },
      error => {
        if (!cancelled) {
          setState({ items: [], loading: false, loadingMore: false, error });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, queryKey, reloadKey]);

  const { nextCursor, loadingMore } = state;
  const loadMore = useCallback(() => {
    if (!queryKey || !nextCursor || loadingMore) {
      return;
    }
    setState(previous => ({ ...previous, loadingMore: true }));
    api.listReleases({ ...JSON.parse(queryKey), cursor: nextCursor }).then(
      page =>
        setState(previous => ({
          ...previous,
          items: [...previous.items, ...page.items],
          nextCursor: page.nextCursor,
          loadingMore: false,
        })),
      error =>
        setState(previous => ({ ...previous, loadingMore: false, error })),
    );
  }, [api, queryKey, nextCursor, loadingMore]);

  return { ...state, loadMore };
}
