import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  Release,
  ReleaseHotfixLinks,
  TrainSlot,
} from '@internal/plugin-release-coordination-common';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';

/** The train slots starting in a range, of every train; none when trains are unavailable. */
export function useTrainSlots(from: string, to: string) {
  const api = useApi(releaseCoordinationApiRef);
  const { value } = useAsync(async () => {
    try {
      const trains = await api.listTrains();
      const slots = await Promise.all(
        trains.map(train =>
          api
            .listTrainSlots(train.id, { from, to, count: 200 })
            .then(items => items.map(slot => ({ slot, name: train.name })))
            .catch(() => []),
        ),
      );
      return slots.flat();
    } catch {
      return [];
    }
  }, [api, from, to]);
  return value ?? ([] as Array<{ slot: TrainSlot; name: string }>);
}

/** The system of each entity of the releases, from the catalog when installed. */
export function useSystems(releases: Release[], enabled: boolean) {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const refs = [...new Set(releases.flatMap(r => r.entityRefs))].sort();
  const key = refs.join(',');
  const { value } = useAsync(async () => {
    const systems = new Map<string, string>();
    if (!enabled || !catalogApi || refs.length === 0) return systems;
    for (const ref of refs) {
      if (parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'system') {
        systems.set(ref, ref);
      }
    }
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.system'],
    });
    items.forEach((entity, index) => {
      const system = entity?.spec?.system;
      if (typeof system === 'string' && system) {
        systems.set(
          refs[index],
          stringifyEntityRef(
            parseEntityRef(system, {
              defaultKind: 'system',
              defaultNamespace: entity!.metadata.namespace ?? 'default',
            }),
          ),
        );
      }
    });
    return systems;
  }, [catalogApi, key, enabled]);
  return value ?? new Map<string, string>();
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
