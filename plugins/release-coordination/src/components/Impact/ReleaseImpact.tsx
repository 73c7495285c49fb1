import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Release } from '@internal/plugin-release-coordination-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { ImpactView } from './ImpactView';

/** Props of {@link ReleaseImpact}. @public */
export interface ReleaseImpactProps {
  releaseId: string;
  /** The release's owner, for the risk override; loaded when not given. */
  ownerRef?: string;
  /** Called after the risk override changed (e.g. to reload the history). */
  onChanged?: () => void;
}

/**
 * The "Impact and risk" section of a release page: risk matrix, impact tables
 * and the graph, collapsed.
 *
 * @public
 */
export function ReleaseImpact(props: ReleaseImpactProps) {
  const { releaseId, onChanged } = props;
  const api = useApi(releaseCoordinationApiRef);
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const [report, ownerRef] = await Promise.all([
      api.getReleaseImpact(releaseId),
      props.ownerRef ??
        api.getRelease(releaseId).then((r: Release) => r.ownerRef),
    ]);
    return { report, ownerRef };
  }, [api, releaseId, props.ownerRef]);

  let body;
  if (loading && !value) {
    body = <Progress />;
  } else if (error && !value) {
    body =
      error instanceof ResponseError && error.statusCode === 404 ? (
        <Typography variant="body2" color="textSecondary">
          No impact assessment is available for this release.
        </Typography>
      ) : (
        <ResponseErrorPanel error={error} />
      );
  } else if (value) {
    body = (
      <ImpactView
        report={value.report}
        release={{ id: releaseId, ownerRef: value.ownerRef }}
        onChanged={() => {
          retry();
          onChanged?.();
        }}
        collapsedGraph
      />
    );
  }
  return (
    <section aria-labelledby="release-impact-heading">
      <Box marginBottom={2}>
        <Typography variant="h5" component="h2" id="release-impact-heading">
          Impact and risk
        </Typography>
      </Box>
      {body}
    </section>
  );
}
