import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Release } from '@internal/plugin-release-coordination-common';
import { ReactNode } from 'react';
import { ReleaseConflicts } from '../ReleaseConflicts';
import { Cluster } from '../shared/Cluster';
import { fieldListStyles } from '../shared/fieldListStyles';
import { formatWindow } from '../shared/format';
import { ReleaseTitle, ReleaseTypeChip } from '../shared/ReleaseChips';
import { useRootLink } from '../shared/useReleaseLink';
import { Stack } from '../shared/Stack';
import { ReadinessVerdictChip } from '../Readiness';
import { MarkdownCard } from './ReleaseDetails';
import { SectionNav } from './SectionNav';

const useStyles = makeStyles(theme => ({
  fields: { ...fieldListStyles(theme), marginTop: theme.spacing(1) },
}));

/** The id of the release title, which names the overview section. */
export const RELEASE_TITLE_ID = 'release-overview-title';

/** Props of {@link ReleaseOverview}. */
export interface ReleaseOverviewProps {
  release: Release;
  verdict?: 'ready' | 'not-ready';
  /** What the user can do to the release: its buttons. */
  actions: ReactNode;
  /** Called after a conflict's action changed the release. */
  onChanged: () => void;
}

/**
 * The top of the release page: a link back to all releases, the title with
 * its state, type and verdict, window and owner, "On this page", the
 * conflicts, what the user can do and the description.
 */
export function ReleaseOverview(props: ReleaseOverviewProps) {
  const { release, verdict, onChanged } = props;
  const classes = useStyles();
  const rootLink = useRootLink();
  return (
    <>
      {rootLink && (
        <Typography variant="body2">
          <Link to={rootLink}>All releases</Link>
        </Typography>
      )}
      <Cluster>
        <ReleaseTitle
          release={release}
          variant="h4"
          component="h1"
          id={RELEASE_TITLE_ID}
        />
        <ReleaseTypeChip type={release.type} />
        {verdict && (
          <ReadinessVerdictChip
            verdict={verdict}
            testId="release-readiness-verdict"
          />
        )}
      </Cluster>
      <dl className={classes.fields}>
        <dt>Window</dt>
        <dd>{formatWindow(release.window)}</dd>
        <dt>Owner</dt>
        <dd>
          <EntityRefLink entityRef={release.ownerRef} defaultKind="group" />
        </dd>
      </dl>
      <Box marginTop={2} marginBottom={3}>
        <SectionNav />
      </Box>
      <Stack>
        {Boolean(release.conflicts?.length || release.freezeOverride) && (
          <ReleaseConflicts release={release} onChanged={onChanged} />
        )}
        {props.actions}
        <MarkdownCard
          title="Description"
          content={release.description}
          emptyText="No description."
        />
      </Stack>
    </>
  );
}
