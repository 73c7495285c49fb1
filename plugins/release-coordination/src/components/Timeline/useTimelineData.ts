import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  Release,
  ReleaseHotfixLinks,
} from '@internal/plugin-release-coordination-common';
import {
  EntityRelations,
  loadEntityRelations,
} from '../ReleaseCalendar/entityRelations';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';

const NO_RELATIONS: EntityRelations = new Map();

/**
 * The catalog facts (system, domain, owner) of the releases' entities and of
 * the Systems they are part of, from the catalog when installed.
 */
export function useTimelineRelations(releases: Release[]) {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const key = [...new Set(releases.flatMap(r => r.entityRefs))]
    .sort()
    .join(',');
  const { value } = useAsync(async () => {
    const refs = key ? key.split(',') : [];
    const relations = await loadEntityRelations(catalogApi, refs);
    const systems = [...relations.values()]
      .map(relation => relation.system)
      .filter((ref): ref is string => Boolean(ref) && !relations.has(ref!));
    const ofSystems = await loadEntityRelations(catalogApi, systems);
    ofSystems.forEach((relation, ref) => relations.set(ref, relation));
    return relations;
  }, [catalogApi, key]);
  return value ?? NO_RELATIONS;
}

/**
 * The follow-up hotfix links of the shown releases that may have any (hotfix
 * releases and those rolling or rolled back), by release id; none while
 * loading or when the backend has no rollbacks.
 */
export function useHotfixLinks(releases: Release[]) {
  const api = useApi(releaseCoordinationApiRef);
  const key = releases
    .filter(
      r =>
        r.type === 'hotfix' ||
        r.state === 'rolling_back' ||
        r.state === 'rolled_back',
    )
    .map(r => r.id)
    .sort()
    .join(',');
  const { value } = useAsync(async () => {
    if (!key) return new Map<string, ReleaseHotfixLinks>();
    const links = await api.listHotfixLinks(key.split(',')).catch(() => []);
    return new Map(links.map(link => [link.releaseId, link]));
  }, [api, key]);
  return value ?? new Map<string, ReleaseHotfixLinks>();
}
