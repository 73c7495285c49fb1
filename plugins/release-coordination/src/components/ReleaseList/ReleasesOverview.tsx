import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import Switch from '@material-ui/core/Switch';
import Alert from '@material-ui/lab/Alert';
import { Release } from '@internal/plugin-release-coordination-common';
import { useState } from 'react';
import { ListReleasesRequest } from '../../api/ReleaseCoordinationApi';
import {
  CreateReleaseButton,
  CreateReleaseDialog,
} from '../CreateReleaseDialog';
import { useReleaseLink } from '../shared/useReleaseLink';
import { ReleaseTable } from './ReleaseTable';
import { useUpcomingAndRecentReleases } from './useUpcomingAndRecentReleases';
import { Cluster } from '../shared/Cluster';

/** Says a release was created, with a link to it. */
function CreatedAlert(props: { release: Release; onClose: () => void }) {
  const releaseLink = useReleaseLink();
  return (
    <Box marginBottom={2}>
      <Alert
        severity="success"
        onClose={props.onClose}
        action={
          releaseLink && (
            <Link to={releaseLink(props.release.id)} color="inherit">
              View release
            </Link>
          )
        }
      >
        Release created.
      </Alert>
    </Box>
  );
}

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
  const [includeFinished, setIncludeFinished] = useState(false);

  const { upcoming, recent, recentItems } = useUpcomingAndRecentReleases(
    scope,
    recentDays,
    reloadKey,
    includeFinished,
  );

  const createButton = (
    <CreateReleaseButton onClick={() => setDialogOpen(true)} />
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
    <CreatedAlert release={created} onClose={() => setCreated(undefined)} />
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
      <Cluster wrap={false} justifyContent="flex-end" marginBottom={2} gap={16}>
        <FormControlLabel
          control={
            <Switch
              color="primary"
              checked={includeFinished}
              onChange={event => setIncludeFinished(event.target.checked)}
            />
          }
          label="Show finished and cancelled"
        />
        {createButton}
      </Cluster>
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
