import { stringifyEntityRef } from '@backstage/catalog-model';
import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { formatWindow } from '../shared/format';
import { useReleaseLink } from '../shared/useReleaseLink';
import { ImpactView } from './ImpactView';

/** Props of {@link EntityImpactContent}. @public */
export interface EntityImpactContentProps {
  /** The current time; the clock by default. */
  now?: Date | string | number;
}

/**
 * The Impact tab of an entity page: the blast radius and risk of the entity's
 * next release, or of a hypothetical change to the entity when it has none.
 *
 * @public
 */
export function EntityImpactContent(props: EntityImpactContentProps = {}) {
  const { entity } = useEntity();
  const ref = stringifyEntityRef(entity);
  const api = useApi(releaseCoordinationApiRef);
  const releaseLink = useReleaseLink();
  const now = new Date(props.now ?? Date.now()).toISOString();
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const page = await api.listReleases({
      entityRef: [ref],
      from: now,
      order: 'asc',
      limit: 1,
    });
    const next = page.items[0];
    if (next) {
      return { release: next, report: await api.getReleaseImpact(next.id) };
    }
    return {
      release: undefined,
      report: await api.getImpact({ entityRefs: [ref] }),
    };
    // `now` changes every render unless given; load once per entity.
  }, [api, ref]); // eslint-disable-line react-hooks/exhaustive-deps

  if (loading && !value) return <Progress />;
  if (error && !value) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const { release, report } = value;
  return (
    <>
      <Box marginBottom={2}>
        {release ? (
          <Alert severity="info" data-testid="impact-source">
            Impact of the next release,{' '}
            {releaseLink ? (
              <Link to={releaseLink(release.id)}>{release.title}</Link>
            ) : (
              release.title
            )}{' '}
            ({formatWindow(release.window)}).
          </Alert>
        ) : (
          <Alert severity="info" data-testid="impact-source">
            No upcoming release changes this entity: this is the impact of a
            hypothetical change to it.
          </Alert>
        )}
      </Box>
      <ImpactView report={report} release={release} onChanged={retry} />
    </>
  );
}
