import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import { useMemo, useState } from 'react';
import { CalendarFeedButtons } from '../CalendarFeeds';
import {
  CreateReleaseButton,
  CreateReleaseDialog,
} from '../CreateReleaseDialog';
import { isCalendarView, ReleaseCalendarView } from './calendarModel';
import {
  CalendarFilters,
  filterFromSearchParams,
  filterToSearchParams,
} from './CalendarFilters';
import { ReleaseCalendar } from './ReleaseCalendar';
import { ReleaseCalendarFilter } from './types';

/** Props of {@link SharedReleaseCalendar}. */
export interface SharedReleaseCalendarProps {
  /** A filter the user cannot change, e.g. the entity of a Releases tab. */
  fixedFilter?: ReleaseCalendarFilter;
  /** Shows the filter bar. */
  showFilters?: boolean;
  /** Entities preselected when creating a release. */
  entityRefs?: string[];
  /** Owner preselected when creating a release. */
  ownerRef?: string;
  now?: Date | string | number;
}

/**
 * The release calendar with its view, date and filters kept in the URL query
 * (`view`, `date`, `system`, `domain`, `owner`, `type`, `state`, `mine`), so
 * that a link shows others the same calendar, and a Create release button.
 */
export function SharedReleaseCalendar(props: SharedReleaseCalendarProps) {
  const { fixedFilter, showFilters, entityRefs, ownerRef, now } = props;
  const [params, setParams] = useAppSearchParams();
  const [dialogOpen, setDialogOpen] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const search = params.toString();
  const userFilter = useMemo(
    () => filterFromSearchParams(new URLSearchParams(search)),
    [search],
  );
  const filter = useMemo(
    () => ({ ...userFilter, ...fixedFilter }),
    [userFilter, fixedFilter],
  );
  const viewParam = params.get('view');
  const view: ReleaseCalendarView | undefined = isCalendarView(viewParam)
    ? viewParam
    : undefined;

  const update = (change: (next: URLSearchParams) => void) =>
    setParams(
      previous => {
        const next = new URLSearchParams(previous);
        change(next);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <Box display="flex" flexWrap="wrap" alignItems="flex-start">
        <Box flex={1}>
          {showFilters && (
            <CalendarFilters
              value={userFilter}
              onChange={next =>
                setParams(previous => filterToSearchParams(next, previous), {
                  replace: true,
                })
              }
            />
          )}
        </Box>
        <Box marginBottom={2} display="flex" style={{ gap: 8 }}>
          <CalendarFeedButtons filter={filter} />
          <CreateReleaseButton onClick={() => setDialogOpen(true)} />
        </Box>
      </Box>
      <ReleaseCalendar
        filter={filter}
        now={now}
        view={view ?? 'month'}
        onViewChange={next => update(p => p.set('view', next))}
        date={params.get('date') ?? undefined}
        onDateChange={next => update(p => p.set('date', next))}
        reloadKey={reloadKey}
      />
      <CreateReleaseDialog
        open={dialogOpen}
        initialEntityRefs={entityRefs}
        initialOwnerRef={ownerRef}
        onClose={() => setDialogOpen(false)}
        onCreated={() => {
          setDialogOpen(false);
          setReloadKey(key => key + 1);
        }}
      />
    </>
  );
}
