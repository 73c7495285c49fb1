import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import { Page } from '@internal/plugin-release-coordination-common';
import { DependencyList, ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import type { AsyncState } from 'react-use/esm/useAsyncFn';

/**
 * Paging through a cursor listing: the cursor of the shown page, `reset`
 * to go back to the first page (after a filter changed), and the Previous
 * and Next buttons given the shown page's `nextCursor`.
 */
export function useCursorPages() {
  // the cursors of the pages before the shown one, and the shown one's
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return {
    cursor: cursors[cursors.length - 1],
    reset: () => setCursors([undefined]),
    buttons: (nextCursor: string | undefined) => (
      <Box display="flex" justifyContent="flex-end" style={{ gap: 8 }}>
        <Button
          disabled={cursors.length === 1}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          Previous page
        </Button>
        <Button
          disabled={!nextCursor}
          onClick={() => setCursors([...cursors, nextCursor])}
        >
          Next page
        </Button>
      </Box>
    ),
  };
}

/**
 * A cursor listing paged with {@link useCursorPages}: `load` fetches the page
 * at a cursor again whenever the cursor or `deps` change; `page` is its state.
 */
export function useCursorListing<T>(
  load: (cursor: string | undefined) => Promise<Page<T>>,
  deps: DependencyList,
) {
  const pages = useCursorPages();
  const { cursor } = pages;
  const page = useAsync(() => load(cursor), [...deps, cursor]);
  return { ...pages, page };
}

/**
 * A cursor listing under filters: `setFilters` shows the first page of the
 * new filters' answer (a later page of the old one would skip items).
 */
export function useFilteredCursorListing<F, T>(
  initial: F,
  load: (filters: F, cursor: string | undefined) => Promise<Page<T>>,
  deps: DependencyList,
) {
  const [filters, setShownFilters] = useState(initial);
  const listing = useCursorListing(
    cursor => load(filters, cursor),
    [...deps, filters],
  );
  const setFilters = (next: F) => {
    listing.reset();
    setShownFilters(next);
  };
  return { listing, filters, setFilters };
}

/** What {@link useCursorListing} returns. */
export type CursorListing<T> = ReturnType<typeof useCursorPages> & {
  page: AsyncState<Page<T>>;
};

/**
 * The shown page of a cursor listing as a dense list named `label`: progress
 * while it loads, the error, `emptyTitle` when nothing matches, otherwise each
 * item as `renderItem` draws it (with its key); then the paging buttons.
 */
export function CursorPageList<T>(props: {
  listing: CursorListing<T>;
  label: string;
  emptyTitle: string;
  renderItem: (item: T) => ReactNode;
}) {
  const { listing } = props;
  const { page } = listing;
  let content;
  if (page.loading) content = <Progress />;
  else if (page.error) content = <ResponseErrorPanel error={page.error} />;
  else if (!page.value?.items.length) {
    content = <EmptyState missing="data" title={props.emptyTitle} />;
  } else {
    content = (
      <List dense aria-label={props.label}>
        {page.value.items.map(item => props.renderItem(item))}
      </List>
    );
  }
  return (
    <>
      {content}
      {listing.buttons(page.value?.nextCursor)}
    </>
  );
}
