import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Every catalog entity of some kinds, projected to some fields, read in
 * pages with a cursor: a handful of requests however large the catalog is.
 */
export async function readInBulk(
  catalog: CatalogService,
  query: { kinds: string[]; fields: string[]; pageSize: number },
  credentials: BackstageCredentials,
): Promise<Entity[]> {
  const { kinds, fields, pageSize: limit } = query;
  const entities: Entity[] = [];
  let cursor: string | undefined;
  do {
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, limit, fields }
        : { filter: { kind: kinds }, limit, fields },
      { credentials },
    );
    entities.push(...page.items);
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return entities;
}
