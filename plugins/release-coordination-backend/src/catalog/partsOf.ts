import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Refs (lower case) of the catalog entities that are part of any of the given
 * ones (`partOf` relations), as the credentials see the catalog.
 */
export async function partsOf(
  catalog: CatalogService,
  refs: string[],
  credentials: BackstageCredentials,
): Promise<string[]> {
  if (refs.length === 0) return [];
  const { items } = await catalog.getEntities(
    {
      filter: { 'relations.partOf': refs },
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
    },
    { credentials },
  );
  return items.map(entity =>
    stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
  );
}
