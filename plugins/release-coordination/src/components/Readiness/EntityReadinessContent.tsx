import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { ACTIVE_RELEASE_STATES } from '@internal/plugin-release-coordination-common';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { releaseScopeForEntity } from '../EntityReleasesContent/EntityReleasesContent';
import { formatWindow } from '../shared/format';
import { Cluster } from '../shared/Cluster';
import { ReleaseTitle } from '../shared/ReleaseChips';
import { useReleaseLink } from '../shared/useReleaseLink';
import { approvalsSummary, ReadinessVerdictChip } from './readinessDisplay';
import { ReleaseReadiness } from './ReleaseReadiness';
import { ApprovalInbox } from '../Inbox/ApprovalInbox';

/** At most this many releases, each costing two more requests. */
const MAX_RELEASES = 20;

/**
 * The Readiness tab of a component, system, domain or group: its upcoming
 * releases (those the Releases tab lists) with their verdict and approvals;
 * each expands to its checklist and approvals, with Approve and Reject. A
 * group's tab starts with the releases waiting for the group's decision
 * that the user can see in their inbox.
 *
 * @public
 */
export function EntityReadinessContent() {
  const { entity } = useEntity();
  if (entity.kind.toLocaleLowerCase('en-US') !== 'group') {
    return <UpcomingReadiness />;
  }
  return (
    <Box>
      <Typography variant="h6" component="h2">
        Waiting for this team
      </Typography>
      <ApprovalInbox groupRef={stringifyEntityRef(entity)} />
      <Box marginTop={3}>
        <Typography variant="h6" component="h2">
          Upcoming releases
        </Typography>
        <UpcomingReadiness />
      </Box>
    </Box>
  );
}

/** The upcoming releases of the entity with their verdict and approvals. */
function UpcomingReadiness() {
  const { entity } = useEntity();
  const api = useApi(releaseCoordinationApiRef);
  const releaseLink = useReleaseLink();
  const scope = useMemo(() => releaseScopeForEntity(entity), [entity]);

  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const page = await api.listReleases({
      ...scope,
      from: new Date().toISOString(),
      state: [...ACTIVE_RELEASE_STATES],
      order: 'asc',
      limit: MAX_RELEASES,
    });
    const releases = page.items.slice(0, MAX_RELEASES);
    return Promise.all(
      releases.map(async release => {
        const [readiness, approvals] = await Promise.all([
          api.getReleaseReadiness(release.id).catch(() => undefined),
          api.getReleaseApprovals(release.id).catch(() => undefined),
        ]);
        return { release, readiness, approvals };
      }),
    );
  }, [api, scope]);

  if (!value && loading) return <Progress />;
  if (!value) return <ResponseErrorPanel error={error ?? new Error('')} />;
  if (value.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No upcoming releases"
        description="Nothing is planned here yet."
      />
    );
  }

  return (
    <Box>
      {value.map(({ release, readiness, approvals }) => (
        <Accordion
          key={release.id}
          TransitionProps={{ unmountOnExit: true }}
          data-testid={`readiness-row-${release.id}`}
        >
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Cluster gap={12}>
              <ReleaseTitle release={release} />
              <Typography variant="body2" color="textSecondary">
                {formatWindow(release.window)}
              </Typography>
              {readiness ? (
                <ReadinessVerdictChip verdict={readiness.verdict} />
              ) : (
                <Typography variant="body2" color="textSecondary">
                  Readiness unknown
                </Typography>
              )}
              {approvals && (
                <Typography variant="body2">
                  Approvals: {approvalsSummary(approvals)}
                </Typography>
              )}
            </Cluster>
          </AccordionSummary>
          <AccordionDetails>
            <Box width="100%">
              {releaseLink && (
                <Typography variant="body2" paragraph>
                  <Link to={releaseLink(release.id)}>
                    Release page of {release.title} {release.version}
                  </Link>
                </Typography>
              )}
              <ReleaseReadiness
                release={release}
                onChanged={retry}
                hideVerdict
              />
            </Box>
          </AccordionDetails>
        </Accordion>
      ))}
    </Box>
  );
}
