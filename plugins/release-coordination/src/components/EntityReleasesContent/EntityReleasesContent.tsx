import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import { ListReleasesRequest } from '../../api/ReleaseCoordinationApi';
import { ReleasesOverview } from '../ReleaseList';

/**
 * Which releases concern an entity: those changing it, for a system or domain
 * those changing any of its parts, and for a group those it owns.
 */
export function releaseScopeForEntity(entity: Entity): ListReleasesRequest {
  const ref = stringifyEntityRef(entity);
  switch (entity.kind.toLocaleLowerCase('en-US')) {
    case 'system':
      return { system: ref };
    case 'domain':
      return { domain: ref };
    case 'group':
      return { owner: ref };
    default:
      return { entityRef: [ref] };
  }
}

/**
 * The Releases tab of an entity page: upcoming and recent releases concerning
 * the entity, and a button creating one.
 *
 * @public
 */
export function EntityReleasesContent() {
  const { entity } = useEntity();
  const scope = useMemo(() => releaseScopeForEntity(entity), [entity]);
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const entityRefs = useMemo(
    () =>
      ['group', 'user'].includes(kind) ? [] : [stringifyEntityRef(entity)],
    [entity, kind],
  );
  return (
    <ReleasesOverview
      scope={scope}
      entityRefs={entityRefs}
      ownerRef={kind === 'group' ? stringifyEntityRef(entity) : undefined}
      recentDays={90}
    />
  );
}
