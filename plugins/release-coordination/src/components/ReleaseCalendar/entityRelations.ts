import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogApi } from '@backstage/plugin-catalog-react';

/** The catalog facts of entities by lower-case ref: their system, domain and owner (lower-case refs). */
export type EntityRelations = Map<
  string,
  { system?: string; domain?: string; owner?: string }
>;

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

function relationRef(
  value: unknown,
  defaults: { defaultKind: string; defaultNamespace: string },
): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return lower(stringifyEntityRef(parseEntityRef(value, defaults)));
  } catch {
    return undefined;
  }
}

/**
 * The system, domain and owner of each entity the catalog knows, in one
 * request; none without a catalog or when it fails.
 */
export async function loadEntityRelations(
  catalogApi: CatalogApi | undefined,
  entityRefs: string[],
): Promise<EntityRelations> {
  const relations: EntityRelations = new Map();
  const refs = [...new Set(entityRefs.map(lower))];
  if (!catalogApi || refs.length === 0) return relations;
  const { items } = await catalogApi
    .getEntitiesByRefs({
      entityRefs: refs,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'spec.system',
        'spec.domain',
        'spec.owner',
      ],
    })
    .catch(() => ({ items: [] }));
  items.forEach((entity, index) => {
    if (!entity) return;
    const defaultNamespace = entity.metadata.namespace ?? 'default';
    relations.set(refs[index], {
      system: relationRef(entity.spec?.system, {
        defaultKind: 'system',
        defaultNamespace,
      }),
      domain: relationRef(entity.spec?.domain, {
        defaultKind: 'domain',
        defaultNamespace,
      }),
      owner: relationRef(entity.spec?.owner, {
        defaultKind: 'group',
        defaultNamespace,
      }),
    });
  });
  return relations;
}
