import { useApi } from '@backstage/core-plugin-api';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';

/**
 * A warning on an entity's Releases tab naming each annotation the plugin
 * reads but cannot use as written (a tier it does not know, an audience that
 * cannot name a group, a blank on-call annotation), so they are fixed instead
 * of silently ignored; nothing when all are fine or the report fails.
 */
export function EntityAnnotationWarnings(props: { entityRef: string }) {
  const { entityRef } = props;
  const api = useApi(releaseCoordinationApiRef);
  const report = useAsync(
    () => api.getEntityAnnotationProblems(entityRef),
    [api, entityRef],
  );
  const problems = report.value?.problems ?? [];
  if (problems.length === 0) return null;
  return (
    <Alert severity="warning" role="alert" style={{ marginBottom: 16 }}>
      <AlertTitle>Release coordination cannot use some annotations</AlertTitle>
      <ul aria-label="Annotation problems" style={{ margin: 0 }}>
        {problems.map(p => (
          <li key={`${p.annotation}:${p.problem}`}>
            <code>{p.annotation}</code>: {p.problem}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
