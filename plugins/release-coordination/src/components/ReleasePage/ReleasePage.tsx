import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { useSignal } from '@backstage/plugin-signals-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import EditIcon from '@material-ui/icons/Edit';
import Alert from '@material-ui/lab/Alert';
import {
  ACTIVE_RELEASE_STATES,
  Release,
  RELEASE_SIGNAL_CHANNEL,
  ReleaseChangedSignal,
  ReleaseState,
} from '@internal/plugin-release-coordination-common';
import { ReactNode, useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { EditReleaseDialog } from '../EditReleaseDialog';
import { errorMessage, formatTimestamp, formatWindow } from '../shared/format';
import { ReleaseStateChip, ReleaseTypeChip } from '../shared/ReleaseChips';
import { useRootLink } from '../shared/useReleaseLink';
import { UserLink, UserMarkdown } from '../shared/UserContent';
import { ReleaseConflicts } from '../ReleaseConflicts';
import { ReleaseImpact } from '../Impact';
import { ReadinessVerdictChip, ReleaseReadiness } from '../Readiness';
import { ReleaseRollback } from '../Rollback';
import { BookOnTrain } from '../Trains';
import { StatusReport } from '../StatusReport';
import { ReleaseHandover } from '../Handover';
import { ReleaseHistory } from './ReleaseHistory';
import { TransitionButtons } from './TransitionButtons';
import Chip from '@material-ui/core/Chip';

const useStyles = makeStyles(theme => ({
  fields: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(1),
    margin: 0,
    '& dt': { fontWeight: theme.typography.fontWeightBold as number },
    '& dd': { margin: 0 },
  },
  chips: { display: 'flex', gap: theme.spacing(1), flexWrap: 'wrap' },
}));

function Field(props: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

/** Why the current user may not move the release, or undefined when they may. */
function useDisabledReason(
  release: Release | undefined,
  verb: string = 'move',
): string | undefined {
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  if (!release) return undefined;
  if (identity.loading) return 'Checking your group memberships…';
  const owner = release.ownerRef.toLocaleLowerCase('en-US');
  const owns = identity.value?.ownershipEntityRefs.some(
    ref => ref.toLocaleLowerCase('en-US') === owner,
  );
  return owns
    ? undefined
    : `Only members of ${release.ownerRef}, which owns this release, can ${verb} it.`;
}

/** Props of {@link ReleasePage}. @public */
export interface ReleasePageProps {
  releaseId: string;
}

/**
 * One release: its fields, Markdown description, change inventory, history
 * and buttons moving it through its lifecycle.
 *
 * @public
 */
export function ReleasePage(props: ReleasePageProps) {
  const { releaseId } = props;
  const classes = useStyles();
  const api = useApi(releaseCoordinationApiRef);
  const rootLink = useRootLink();
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string>();

  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const [release, events] = await Promise.all([
      api.getRelease(releaseId),
      api.listReleaseEvents(releaseId),
    ]);
    return { release, events };
  }, [api, releaseId]);
  // Someone else changed this release: reload it, so open pages stay live.
  const { lastSignal } = useSignal<ReleaseChangedSignal>(
    RELEASE_SIGNAL_CHANNEL,
  );
  useEffect(() => {
    if (lastSignal?.id === releaseId) {
      retry();
    }
  }, [lastSignal, releaseId, retry]);
  const disabledReason = useDisabledReason(value?.release);
  const editDisabledReason = useDisabledReason(value?.release, 'edit');
  const [editing, setEditing] = useState(false);
  const [verdict, setVerdict] = useState<'ready' | 'not-ready'>();

  if (loading && !value) {
    return <Progress />;
  }
  if (error && !value) {
    if (error instanceof ResponseError && error.statusCode === 404) {
      return (
        <EmptyState
          missing="data"
          title="Release not found"
          description={`There is no release with id ${releaseId}.`}
          action={
            rootLink ? <Link to={rootLink}>All releases</Link> : undefined
          }
        />
      );
    }
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return null;
  }
  const { release, events } = value;

  const transition = async (to: ReleaseState, reason?: string) => {
    setBusy(true);
    setActionError(undefined);
    try {
      await api.transitionRelease(release.id, reason ? { to, reason } : { to });
    } catch (e) {
      setActionError(errorMessage(e));
    } finally {
      setBusy(false);
      retry();
    }
  };

  return (
    // long unbroken words in titles and messages wrap instead of overflowing
    <Grid container spacing={3} style={{ overflowWrap: 'anywhere' }}>
      <Grid item xs={12}>
        {rootLink && (
          <Typography variant="body2">
            <Link to={rootLink}>All releases</Link>
          </Typography>
        )}
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 8 }}
        >
          <Typography variant="h4" component="h1">
            {release.title} {release.version}
          </Typography>
          <ReleaseStateChip state={release.state} />
          <ReleaseTypeChip type={release.type} />
          {verdict && (
            <ReadinessVerdictChip
              verdict={verdict}
              testId="release-readiness-verdict"
            />
          )}
        </Box>
      </Grid>
      {Boolean(release.conflicts?.length || release.freezeOverride) && (
        <Grid item xs={12}>
          <ReleaseConflicts release={release} onChanged={retry} />
        </Grid>
      )}
      {actionError && (
        <Grid item xs={12}>
          <Alert severity="error" onClose={() => setActionError(undefined)}>
            {actionError}
          </Alert>
        </Grid>
      )}
      <Grid item xs={12}>
        <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
          {ACTIVE_RELEASE_STATES.includes(release.state) && (
            <Tooltip title={editDisabledReason ?? ''}>
              {/* A disabled button gets no pointer events: the span shows the tooltip. */}
              <span>
                <Button
                  variant="outlined"
                  color="primary"
                  startIcon={<EditIcon />}
                  disabled={Boolean(editDisabledReason) || busy}
                  onClick={() => setEditing(true)}
                >
                  Edit
                </Button>
              </span>
            </Tooltip>
          )}
          <TransitionButtons
            release={release}
            disabledReason={disabledReason}
            busy={busy || loading}
            onTransition={transition}
            verdict={verdict}
            onOverridden={retry}
          />
          <BookOnTrain release={release} onBooked={retry} />
        </Box>
        <EditReleaseDialog
          open={editing}
          release={release}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            retry();
          }}
          onReload={retry}
        />
      </Grid>
      <Grid item xs={12}>
        <ReleaseReadiness
          release={release}
          onChanged={retry}
          onVerdict={setVerdict}
        />
      </Grid>
      <Grid item xs={12}>
        <ReleaseRollback release={release} onChanged={retry} />
      </Grid>
      <Grid item xs={12}>
        <StatusReport release={release} events={events} />
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard title="Details">
          <dl className={classes.fields}>
            <Field label="Window">{formatWindow(release.window)}</Field>
            <Field label="Owner">
              <EntityRefLink entityRef={release.ownerRef} defaultKind="group" />
            </Field>
            <Field label="Entities">
              <span className={classes.chips}>
                {release.entityRefs.map(ref => (
                  <EntityRefLink key={ref} entityRef={ref} />
                ))}
              </span>
            </Field>
            <Field label="Created by">
              <EntityRefLink entityRef={release.createdBy} defaultKind="user" />{' '}
              on {formatTimestamp(release.createdAt)}
            </Field>
            <Field label="Updated">{formatTimestamp(release.updatedAt)}</Field>
            <Field label="Revision">{release.revision}</Field>
          </dl>
        </InfoCard>
        <Box marginTop={3}>
          <InfoCard title="Description">
            {release.description ? (
              <UserMarkdown content={release.description} />
            ) : (
              <Typography variant="body2" color="textSecondary">
                No description.
              </Typography>
            )}
          </InfoCard>
        </Box>
        <Box marginTop={3}>
          <InfoCard title="Rollback plan">
            {release.rollbackPlan ? (
              <UserMarkdown content={release.rollbackPlan} />
            ) : (
              <Typography variant="body2" color="textSecondary">
                No rollback plan yet.
              </Typography>
            )}
          </InfoCard>
        </Box>
        <Box marginTop={3}>
          <InfoCard title="Changes">
            {release.changes.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                No changes listed.
              </Typography>
            ) : (
              <List dense disablePadding>
                {release.changes.map((change, index) => (
                  <ListItem key={index} disableGutters>
                    <Box marginRight={1}>
                      <Chip size="small" label={change.kind} />
                    </Box>
                    <ListItemText
                      primary={
                        change.link ? (
                          <UserLink href={change.link}>{change.title}</UserLink>
                        ) : (
                          change.title
                        )
                      }
                      secondary={
                        change.entityRef && (
                          <EntityRefLink entityRef={change.entityRef} />
                        )
                      }
                    />
                  </ListItem>
                ))}
              </List>
            )}
          </InfoCard>
        </Box>
      </Grid>
      <Grid item xs={12} md={5}>
        <InfoCard title="History">
          <ReleaseHistory events={events} />
        </InfoCard>
        <Box marginTop={3}>
          <ReleaseHandover release={release} onChanged={retry} />
        </Box>
      </Grid>
      <Grid item xs={12}>
        <ReleaseImpact
          releaseId={release.id}
          ownerRef={release.ownerRef}
          onChanged={retry}
        />
      </Grid>
    </Grid>
  );
}
