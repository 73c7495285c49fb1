import { useApi } from '@backstage/core-plugin-api';
import {
  Freeze,
  FreezeOccurrence,
  MAX_PAGE_SIZE,
} from '@internal/plugin-release-coordination-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { freezeState } from './freezeForm';
import { FreezeRow } from './freezeTable';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Pages of freezes loaded at most (200 each). */
export const MAX_FREEZE_PAGES = 10;

/**
 * Every freeze (up to {@link MAX_FREEZE_PAGES} pages; `more` says there are
 * others) with its state at `now`, judged from the occurrences the server
 * expands for the coming year, or estimated when it cannot.
 */
export function useFreezeRows(nowProp: Date | string | number | undefined) {
  const api = useApi(releaseCoordinationApiRef);
  return useAsyncRetry(async () => {
    const now = nowProp === undefined ? Date.now() : +new Date(nowProp);
    const freezes: Freeze[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await api.listFreezes({ limit: MAX_PAGE_SIZE, cursor });
      freezes.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < MAX_FREEZE_PAGES);
    // The server expands recurring freezes; without it, states are estimates.
    let occurrences: FreezeOccurrence[] | undefined;
    try {
      occurrences = await api.listFreezeOccurrences({
        from: new Date(now).toISOString(),
        to: new Date(now + 365 * DAY_MS).toISOString(),
      });
    } catch {
      occurrences = undefined;
    }
    const rows: FreezeRow[] = freezes.map(freeze => ({
      freeze,
      state: freezeState(freeze, now, occurrences),
    }));
    return { rows, more: Boolean(cursor) };
  }, [api, nowProp]);
}
