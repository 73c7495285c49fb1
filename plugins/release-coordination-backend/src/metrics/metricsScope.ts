import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { ORGANISATION_SCOPE } from '@internal/plugin-release-coordination-common';
import { CatalogGraph } from '../catalogGraph/CatalogGraph';
import { CatalogModel } from '../catalogGraph/CatalogModel';

/** The nodes of a System, Domain or Group scope; the node itself for other kinds. */
function scopeNodes(graph: CatalogGraph, node: number): Iterable<number> {
  const kind = graph.kinds[node].toLocaleLowerCase('en-US');
  const nodes = new Set([node]);
  if (kind === 'system' || kind === 'domain') {
    const within = kind === 'system' ? graph.systemOf : graph.domainOf;
    within.forEach((of, index) => of === node && nodes.add(index));
  } else if (kind === 'group') {
    const groups = [node];
    for (let i = 0; i < groups.length; i++) {
      for (const child of graph.in('childOf', groups[i])) {
        if (!groups.includes(child)) groups.push(child);
      }
    }
    for (const group of groups) {
      for (const owned of graph.in('ownedBy', group)) nodes.add(owned);
    }
  }
  return nodes;
}

/**
 * The entities whose releases a metrics scope counts, as lower-case refs the
 * caller may read in the catalog: for `organisation` undefined (every
 * release); for a System its parts, for a Domain everything in it (its
 * systems and their parts), for a Group what it and its child groups own,
 * for any other entity that entity. Throws `NotFoundError` when the caller
 * cannot read the scope's entity.
 */
export async function scopeEntityRefs(
  catalog: CatalogModel,
  scope: string,
  credentials: BackstageCredentials,
): Promise<string[] | undefined> {
  if (scope === ORGANISATION_SCOPE) return undefined;
  if (!(await catalog.readable([scope], credentials)).has(scope)) {
    throw new NotFoundError(`No entity ${scope} in the catalog`);
  }
  const graph = await catalog.graphCovering([scope]);
  const node = graph.indexOf(scope);
  if (node < 0) return [scope];
  const refs = [...scopeNodes(graph, node)].map(index => graph.refs[index]);
  return [...(await catalog.readable(refs, credentials)).keys()];
}
