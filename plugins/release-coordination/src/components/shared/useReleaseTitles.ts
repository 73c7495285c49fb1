import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';

/**
 * The titles (`<title> <version>`) of releases by id; until they load, or when
 * one cannot be read, callers fall back to the id.
 */
export function useReleaseTitles(ids: string[]): Record<string, string> {
  const api = useApi(releaseCoordinationApiRef);
  const key = [...new Set(ids)].sort().join(',');
  const { value } = useAsync(async () => {
    if (!key) return {};
    const entries = await Promise.all(
      key.split(',').map(id =>
        api.getRelease(id).then(
          r => [id, `${r.title} ${r.version}`] as const,
          () => [id, id] as const,
        ),
      ),
    );
    return Object.fromEntries(entries);
  }, [api, key]);
  return value ?? {};
}
