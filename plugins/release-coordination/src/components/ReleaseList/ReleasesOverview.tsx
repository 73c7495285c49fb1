import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import AddIcon from '@material-ui/icons/Add';
import Alert from '@material-ui/lab/Alert';
import { Release } from '@internal/plugin-release-coordination-common';
import { useMemo, useState } from 'react';
import { ListReleasesRequest } from '../../api/ReleaseCoordinationApi';
import { CreateReleaseDialog } from '../CreateReleaseDialog';
import { useReleaseLink } from '../shared/useReleaseLink';
import { ReleaseTable } from './ReleaseTable';
import { useReleaseList } from './useReleaseList';

const DAY_MS = 24 * 60 * 60 * 1000;
const PAGE_SIZE = 20;

/** Props of {@link ReleasesOverview}. */
export interface ReleasesOverviewProps {
  /** Which releases to list; empty for all of them. */
  scope: ListReleasesRequest;
  /** Entities preselected when creating a release. */
  entityRefs?: string[];
  /** Owner preselected when creating a release. */
  ownerRef?: string;
  /** Also list releases of the last days, newest first. */
  recentDays?: number;
}

/**
 * Upcoming (and ongoing) releases in a scope, optionally the recent ones, and a
 * button creating a release.
 */
export function ReleasesOverview(props: ReleasesOverviewProps) {
  const { scope, entityRefs = [], ownerRef, recentDays } = props;
  const [reloadKey, setReloadKey] = useState(0);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [created, setCreated] = useState<Release>();
  const releaseLink = useReleaseLink();

  // Recomputed on reload, so that "now" moves on with the lists.
  const now = useMemo(() => Date.now(), [reloadKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const upcomingQuery = useMemo<ListReleasesRequest>(
    () => ({
      ...scope,
      from: new Date(now).toISOString(),
      order: 'asc',
      limit: PAGE_SIZE,
    }),
    [scope, now],
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

  const upcoming = useReleaseList(upcomingQuery, reloadKey);
  const recent = useReleaseList(
    recentDays ? recentQuery : undefined,
    reloadKey,
  );
  // Ongoing releases are listed as upcoming, so recent ones are those that ended.
  const recentItems = recentDays
    ? recent.items.filter(release => Date.parse(release.window.end) < now)
    : [];

  const createButton = (
    <Button
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      onClick={() => setDialogOpen(true)}
    >
      Create release
    </Button>
  );
  const dialog = (
    <CreateReleaseDialog
      open={dialogOpen}
      initialEntityRefs={entityRefs}
      initialOwnerRef={ownerRef}
      onClose={() => setDialogOpen(false)}
      onCreated={release => {
        setDialogOpen(false);
        setCreated(release);
        setReloadKey(key => key + 1);
      }}
    />
  );
  const createdAlert = created && (
    <Box marginBottom={2}>
      <Alert
        severity="success"
        onClose={() => setCreated(undefined)}
        action={
          releaseLink && (
            <Link to={releaseLink(created.id)} color="inherit">
              View release
            </Link>
          )
        }
      >
        Release created.
      </Alert>
    </Box>
  );

  const firstLoad =
    (upcoming.loading || (recentDays && recent.loading)) &&
    upcoming.items.length === 0 &&
    recentItems.length === 0;
  if (firstLoad) {
    return <Progress />;
  }
  const error = upcoming.error ?? (recentDays ? recent.error : undefined);
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }

  if (upcoming.items.length === 0 && recentItems.length === 0) {
    return (
      <>
        {createdAlert}
        <EmptyState
          missing="data"
          title="No releases yet"
          description={
            recentDays
              ? `There are no upcoming releases and none in the last ${recentDays} days.`
              : 'There are no upcoming releases.'
          }
          action={createButton}
        />
        {dialog}
      </>
    );
  }

  return (
    <>
      {createdAlert}
      <Box display="flex" justifyContent="flex-end" marginBottom={2}>
        {createButton}
      </Box>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <ReleaseTable
            title="Upcoming releases"
            items={upcoming.items}
            emptyMessage="No upcoming releases."
            onLoadMore={upcoming.nextCursor ? upcoming.loadMore : undefined}
            loadingMore={upcoming.loadingMore}
          />
        </Grid>
        {recentDays && (
          <Grid item xs={12}>
            <ReleaseTable
              title="Recent releases"
              items={recentItems}
              emptyMessage={`No releases in the last ${recentDays} days.`}
              onLoadMore={recent.nextCursor ? recent.loadMore : undefined}
              loadingMore={recent.loadingMore}
            />
          </Grid>
        )}
      </Grid>
      {dialog}
    </>
  );
}
