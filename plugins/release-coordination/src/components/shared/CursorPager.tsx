import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { useState } from 'react';

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
