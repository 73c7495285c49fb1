import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { Release } from '@internal/plugin-release-coordination-common';
import { Cluster } from '../shared/Cluster';
import { ReleaseTitle, ReleaseTypeChip } from '../shared/ReleaseChips';
import { useRootLink } from '../shared/useReleaseLink';
import { ReadinessVerdictChip } from '../Readiness';

/** A link back to all releases, the release's title and its chips. */
export function ReleaseHeader(props: {
  release: Release;
  verdict?: 'ready' | 'not-ready';
}) {
  const { release, verdict } = props;
  const rootLink = useRootLink();
  return (
    <>
      {rootLink && (
        <Typography variant="body2">
          <Link to={rootLink}>All releases</Link>
        </Typography>
      )}
      <Cluster>
        <ReleaseTitle release={release} variant="h4" component="h1" />
        <ReleaseTypeChip type={release.type} />
        {verdict && (
          <ReadinessVerdictChip
            verdict={verdict}
            testId="release-readiness-verdict"
          />
        )}
      </Cluster>
    </>
  );
}
