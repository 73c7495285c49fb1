import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import FileCopyIcon from '@material-ui/icons/FileCopy';
import GetAppIcon from '@material-ui/icons/GetApp';
import RssFeedIcon from '@material-ui/icons/RssFeed';
import Alert from '@material-ui/lab/Alert';
import {
  CalendarFeed,
  CalendarFilters,
} from '@internal/plugin-release-coordination-common';
import { useState } from 'react';
import { useConfirmation } from '../shared/useConfirmation';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { ReleaseCalendarFilter } from '../ReleaseCalendar/types';
import { errorMessage, formatTimestamp } from '../shared/format';
import { entityName } from '../shared/shortRef';

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

/** A new feed's URL, shown once, with a button copying it. */
function CreatedFeedUrl(props: {
  url: string;
  copied: boolean;
  onCopy: () => void;
}) {
  return (
    <Box marginBottom={2}>
      <Alert severity="warning">Copy the URL now: it is shown only once.</Alert>
      <Box display="flex" alignItems="center" marginTop={1}>
        <TextField
          id="calendar-feed-url"
          label="Feed URL"
          value={props.url}
          fullWidth
          variant="outlined"
          size="small"
          InputProps={{ readOnly: true }}
          onFocus={event => event.target.select()}
        />
        <IconButton aria-label="Copy feed URL" onClick={props.onCopy}>
          <FileCopyIcon />
        </IconButton>
      </Box>
      {props.copied && (
        <Typography variant="caption" role="status">
          Copied.
        </Typography>
      )}
    </Box>
  );
}

/** The user's feeds, each with a Revoke button. */
function FeedList(props: {
  feeds: { value?: CalendarFeed[]; error?: Error };
  busy: boolean;
  onRevoke: (feed: CalendarFeed) => void;
}) {
  const { feeds, busy } = props;
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        Your feeds
      </Typography>
      {feeds.error && (
        <Alert severity="warning">{errorMessage(feeds.error)}</Alert>
      )}
      {feeds.value && feeds.value.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No feeds yet.
        </Typography>
      )}
      {feeds.value && feeds.value.length > 0 && (
        <List dense aria-label="Your calendar feeds">
          {feeds.value.map(feed => (
            <ListItem key={feed.id} disableGutters>
              <ListItemText
                primary={describeFilters(feed.filters)}
                secondary={`Created ${formatTimestamp(feed.createdAt)}`}
              />
              <Button
                size="small"
                color="secondary"
                disabled={busy}
                aria-label={`Revoke feed of ${describeFilters(
                  feed.filters,
                )} created ${formatTimestamp(feed.createdAt)}`}
                onClick={() => props.onRevoke(feed)}
              >
                Revoke
              </Button>
            </ListItem>
          ))}
        </List>
      )}
    </>
  );
}

function FeedDialog(props: {
  open: boolean;
  filters: CalendarFilters;
  onClose: () => void;
}) {
  const { open, filters, onClose } = props;
  const api = useApi(releaseCoordinationApiRef);
  const feeds = useAsyncRetry(
    async () => (open ? api.listCalendarFeeds() : []),
    [api, open],
  );
  const [created, setCreated] = useState<CalendarFeed>();
  const confirmation = useConfirmation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [copied, setCopied] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      feeds.retry();
    }
  };
  const close = () => {
    setCreated(undefined);
    setCopied(false);
    setError(undefined);
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby="calendar-feed-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="calendar-feed-title">
        Subscribe to the calendar
      </DialogTitle>
      <DialogContent>
        {error && (
          <Alert severity="error" role="alert" style={{ marginBottom: 16 }}>
            {error}
          </Alert>
        )}
        <Typography variant="body2" paragraph>
          A personal feed URL lets your calendar app show the releases and
          freezes ({describeFilters(filters)}) without signing in. Anyone with
          the URL can read the feed; revoke it when you no longer need it.
        </Typography>
        {created?.url ? (
          <CreatedFeedUrl
            url={created.url}
            copied={copied}
            onCopy={async () => {
              try {
                await window.navigator.clipboard.writeText(created.url!);
                setCopied(true);
              } catch (e) {
                setError(`Could not copy: ${errorMessage(e)}`);
              }
            }}
          />
        ) : (
          <Button
            variant="contained"
            color="primary"
            disabled={busy}
            onClick={() =>
              run(async () => setCreated(await api.createCalendarFeed(filters)))
            }
          >
            Create feed URL
          </Button>
        )}
        <Box marginTop={2}>
          <FeedList
            feeds={feeds}
            busy={busy}
            onRevoke={feed =>
              confirmation.confirm({
                title: 'Revoke this feed?',
                body: 'Calendar apps subscribed to its URL stop getting updates; a new feed has a new URL.',
                confirmLabel: 'Revoke',
                action: () =>
                  run(async () => {
                    await api.deleteCalendarFeed(feed.id);
                    if (created?.id === feed.id) setCreated(undefined);
                  }),
              })
            }
          />
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Close</Button>
      </DialogActions>
      {confirmation.dialog}
    </Dialog>
  );
}

/** Saves a blob as a file through a temporary link. */
function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
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
      saveBlob(await api.getCalendarIcs(filters), 'releases.ics');
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
      <FeedDialog
        open={open}
        filters={filters}
        onClose={() => setOpen(false)}
      />
    </Box>
  );
}
