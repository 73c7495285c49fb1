import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import RssFeedIcon from '@material-ui/icons/RssFeed';
import Alert from '@material-ui/lab/Alert';
import {
  CalendarFeed,
  CalendarFilters,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { useCallback, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { ReleaseCalendarFilter } from '../ReleaseCalendar/types';
import { errorMessage } from '../shared/format';
import { saveFile } from '../shared/saveFile';
import { SecretFeedDialog } from '../shared/SecretFeedDialog';

/**
 * The part of a calendar filter an iCalendar feed understands: one entity,
 * a system and an owner.
 */
export function feedFiltersOf(filter: ReleaseCalendarFilter): CalendarFilters {
  const filters: CalendarFilters = {};
  if (filter.entityRef?.length === 1) filters.entityRef = filter.entityRef[0];
  if (filter.system) filters.system = filter.system;
  if (filter.owner) filters.owner = filter.owner;
  return filters;
}

function describeFilters(filters: CalendarFilters): string {
  const parts = [
    filters.entityRef && `entity ${entityName(filters.entityRef)}`,
    filters.system && `system ${entityName(filters.system)}`,
    filters.owner && `owner ${entityName(filters.owner)}`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'all releases';
}

/** The dialog of the user's calendar feeds for the calendar's filters. */
function CalendarFeedDialog(props: {
  open: boolean;
  filters: CalendarFilters;
  onClose: () => void;
}) {
  const { filters } = props;
  const api = useApi(releaseCoordinationApiRef);
  const list = useCallback(() => api.listCalendarFeeds(), [api]);
  return (
    <SecretFeedDialog<CalendarFeed>
      open={props.open}
      onClose={props.onClose}
      id="calendar-feed"
      title="Subscribe to the calendar"
      explanation={`A personal feed URL lets your calendar app show the releases and freezes (${describeFilters(
        filters,
      )}) without signing in. Anyone with the URL can read the feed; revoke it when you no longer need it.`}
      describe={feed => describeFilters(feed.filters)}
      listLabel="Your calendar feeds"
      revokeWarning="Calendar apps subscribed to its URL stop getting updates; a new feed has a new URL."
      list={list}
      create={() => api.createCalendarFeed(filters)}
      revoke={id => api.deleteCalendarFeed(id)}
    />
  );
}

/** Props of {@link CalendarFeedButtons}. */
export interface CalendarFeedButtonsProps {
  /** The calendar's filter; the feed keeps one entity, the system and the owner. */
  filter: ReleaseCalendarFilter;
}

/**
 * "Subscribe" (a personal iCalendar feed URL, shown once, and the list of
 * one's feeds with Revoke) and "Download .ics" (fetched with the user's
 * token and saved as a file) for the calendar's current filters.
 */
export function CalendarFeedButtons(props: CalendarFeedButtonsProps) {
  const api = useApi(releaseCoordinationApiRef);
  const filters = feedFiltersOf(props.filter);
  const [open, setOpen] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<string>();

  const download = async () => {
    setDownloading(true);
    setError(undefined);
    try {
      saveFile(await api.getCalendarIcs(filters), 'releases.ics');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      {error && (
        <Alert severity="error" onClose={() => setError(undefined)}>
          Download failed: {error}
        </Alert>
      )}
      <Button
        variant="outlined"
        startIcon={<RssFeedIcon />}
        onClick={() => setOpen(true)}
      >
        Subscribe
      </Button>
      <Button
        variant="outlined"
        startIcon={<GetAppIcon />}
        disabled={downloading}
        onClick={download}
      >
        Download .ics
      </Button>
      <CalendarFeedDialog
        open={open}
        filters={filters}
        onClose={() => setOpen(false)}
      />
    </Box>
  );
}
