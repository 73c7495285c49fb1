import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** A full, lower-case entity ref; bare names get `defaultKind` and the default namespace. */
export function normalizeRef(
  ref: string,
  defaultKind: string,
  defaultNamespace = 'default',
): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace }),
  ).toLocaleLowerCase('en-US');
}

/** The owner ref of an entity from `spec.owner`, if it declares one. */
export function ownerOf(entity: Entity | undefined): string | undefined {
  const owner = entity?.spec?.owner;
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return normalizeRef(owner, 'group', entity!.metadata.namespace);
  } catch {
    return undefined;
  }
}

/**
 * The entities of a release in one bulk request, as the caller sees the
 * catalog; unknown or hidden entities are absent from the map.
 */
export async function fetchEntities(
  catalog: CatalogService,
  entityRefs: string[],
  credentials: BackstageCredentials,
): Promise<Map<string, Entity>> {
  const result = new Map<string, Entity>();
  if (entityRefs.length === 0) return result;
  const { items } = await catalog.getEntitiesByRefs(
    {
      entityRefs,
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.annotations',
        'spec.owner',
      ],
    },
    { credentials },
  );
  items.forEach((item, i) => {
    if (item) result.set(entityRefs[i], item);
  });
  return result;
}
