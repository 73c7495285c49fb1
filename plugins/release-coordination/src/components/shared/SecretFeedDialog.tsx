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
import Alert from '@material-ui/lab/Alert';
import { ReactNode, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { errorMessage, formatTimestamp } from './format';
import { useConfirmation } from './useConfirmation';

/** A feed behind a secret URL: the URL only in the answer to its creation. */
export interface SecretFeed {
  id: string;
  createdAt: string;
  url?: string;
}

/** A new feed's URL, shown once, with a button copying it. */
function CreatedFeedUrl(props: {
  id: string;
  url: string;
  copied: boolean;
  onCopy: () => void;
}) {
  return (
    <Box marginBottom={2}>
      <Alert severity="warning">Copy the URL now: it is shown only once.</Alert>
      <Box display="flex" alignItems="center" marginTop={1}>
        <TextField
          id={props.id}
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
function FeedList<T extends SecretFeed>(props: {
  feeds: { value?: T[]; error?: Error };
  busy: boolean;
  label: string;
  describe: (feed: T) => string;
  onRevoke: (feed: T) => void;
}) {
  const { feeds, busy, describe } = props;
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
        <List dense aria-label={props.label}>
          {feeds.value.map(feed => (
            <ListItem key={feed.id} disableGutters>
              <ListItemText
                primary={describe(feed)}
                secondary={`Created ${formatTimestamp(feed.createdAt)}`}
              />
              <Button
                size="small"
                color="secondary"
                disabled={busy}
                aria-label={`Revoke feed of ${describe(
                  feed,
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

/** Props of {@link SecretFeedDialog}. */
export interface SecretFeedDialogProps<T extends SecretFeed> {
  open: boolean;
  onClose: () => void;
  /** The dialog's id prefix (title, URL field). */
  id: string;
  title: string;
  /** What the feed shows and who can read it. */
  explanation: ReactNode;
  /** What one of the user's feeds covers, in words. */
  describe: (feed: T) => string;
  /** The accessible name of the list of the user's feeds. */
  listLabel: string;
  /** What revoking stops, asked before revoking. */
  revokeWarning: string;
  list: () => Promise<T[]>;
  create: () => Promise<T>;
  revoke: (id: string) => Promise<void>;
}

/**
 * Creating a feed with a secret URL (shown once, with a copy button) and
 * revoking the user's feeds after a confirmation: calendar feeds and
 * release-notes feeds alike.
 */
export function SecretFeedDialog<T extends SecretFeed>(
  props: SecretFeedDialogProps<T>,
) {
  const { open, onClose, id, list, create, revoke } = props;
  const feeds = useAsyncRetry(async () => (open ? list() : []), [list, open]);
  const [created, setCreated] = useState<T>();
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
      aria-labelledby={`${id}-title`}
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id={`${id}-title`}>{props.title}</DialogTitle>
      <DialogContent>
        {error && (
          <Alert severity="error" role="alert" style={{ marginBottom: 16 }}>
            {error}
          </Alert>
        )}
        <Typography variant="body2" paragraph>
          {props.explanation}
        </Typography>
        {created?.url ? (
          <CreatedFeedUrl
            id={`${id}-url`}
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
            onClick={() => run(async () => setCreated(await create()))}
          >
            Create feed URL
          </Button>
        )}
        <Box marginTop={2}>
          <FeedList
            feeds={feeds}
            busy={busy}
            label={props.listLabel}
            describe={props.describe}
            onRevoke={feed =>
              confirmation.confirm({
                title: 'Revoke this feed?',
                body: props.revokeWarning,
                confirmLabel: 'Revoke',
                action: () =>
                  run(async () => {
                    await revoke(feed.id);
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
