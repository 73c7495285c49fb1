import { parseEntityRef } from '@backstage/catalog-model';
import { ImpactEntity } from '@internal/plugin-release-coordination-common';
import { CatalogGraph } from '../../catalogGraph/CatalogGraph';

/**
 * Describes nodes as the user may see them (refs they cannot read left out),
 * each node once per report.
 */
export function describer(
  graph: CatalogGraph,
  visible: Set<string>,
): (node: number) => ImpactEntity {
  const described = new Map<number, ImpactEntity>();
  const shownRef = (ref: string | undefined) =>
    ref !== undefined && visible.has(ref) ? ref : undefined;
  const refOf = (node: number) => (node >= 0 ? graph.refs[node] : undefined);
  return node => {
    const known = described.get(node);
    if (known) return known;
    const entity: ImpactEntity = {
      entityRef: graph.refs[node],
      kind: graph.kinds[node],
      name: graph.names[node],
    };
    const set = <K extends keyof ImpactEntity>(
      key: K,
      value?: ImpactEntity[K],
    ) => {
      if (value !== undefined) entity[key] = value;
    };
    set('title', graph.titles[node]);
    // a declared owner missing from the catalog is shown as declared, marked
    const owner = graph.owners[node];
    const ownerMissing = owner !== undefined && graph.indexOf(owner) < 0;
    set('owner', ownerMissing ? owner : shownRef(owner));
    if (ownerMissing) entity.ownerNotInCatalog = true;
    set('system', shownRef(refOf(graph.systemOf[node])));
    set('domain', shownRef(refOf(graph.domainOf[node])));
    set('lifecycle', graph.lifecycles[node]);
    set('tier', graph.tierOf(node));
    described.set(node, entity);
    return entity;
  };
}

/** An entity the graph does not know yet (added to the catalog since it was read). */
export function describeRef(ref: string): ImpactEntity {
  const { kind, name } = parseEntityRef(ref);
  return { entityRef: ref, kind, name };
}
