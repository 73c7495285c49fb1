import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogModel } from '../catalogGraph/CatalogModel';

/** Refs of the given ones the user may read (see {@link CatalogModel.readable}). */
export async function visibleRefs(
  catalog: CatalogModel,
  refs: string[],
  credentials: BackstageCredentials,
): Promise<Set<string>> {
  return new Set((await catalog.readable(refs, credentials)).keys());
}
