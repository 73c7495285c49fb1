import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { FreezeScope } from '@internal/plugin-release-coordination-common';
import { CatalogGraph } from '../catalogGraph/CatalogGraph';
import { CatalogModel } from '../catalogGraph/CatalogModel';

/**
 * Where an entity sits in the catalog, as far as freeze scopes care: the
 * systems and domains it is part of and the groups that own it.
 *
 * @public
 */
export interface EntityPlacement {
  entityRef: string;
  /** Whether the catalog knows the entity (as the caller sees it). */
  found: boolean;
  systems: Set<string>;
  domains: Set<string>;
  groups: Set<string>;
}

const lower = (value: string) => value.toLocaleLowerCase('en-US');

/**
 * Resolves entities to their systems, domains and owning groups through the
 * catalog model: whether the caller may read each is asked in one batch, the
 * rest comes from the model's graph.
 *
 * @public
 */
export class FreezeEvaluator {
  constructor(private readonly catalog: CatalogModel) {}

  /** Where each of the given entities sits, keyed by its (normalised) ref. */
  async place(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, EntityPlacement>> {
    const refs = [...new Set(entityRefs.map(lower))];
    const placements = new Map<string, EntityPlacement>();
    if (refs.length === 0) return placements;
    const [readable, graph] = await Promise.all([
      this.catalog.readable(refs, credentials),
      this.catalog.graphCovering(refs),
    ]);
    for (const ref of refs) {
      const placement: EntityPlacement = {
        entityRef: ref,
        found: readable.has(ref),
        systems: new Set(),
        domains: new Set(),
        groups: new Set(),
      };
      placements.set(ref, placement);
      const node = graph.indexOf(ref);
      if (placement.found && node >= 0) placeNode(graph, node, placement);
    }
    return placements;
  }
}

/** The systems, domains and owning groups of a node of the graph (a system, domain or group counts itself). */
function placeNode(
  graph: CatalogGraph,
  node: number,
  placement: EntityPlacement,
) {
  const refOf = (target: number) => graph.refs[target];
  const kind = graph.kinds[node];
  if (kind === 'System') placement.systems.add(refOf(node));
  if (kind === 'Domain') placement.domains.add(refOf(node));
  if (kind === 'Group') placement.groups.add(refOf(node));
  const systems = new Set<number>();
  if (graph.systemOf[node] >= 0) systems.add(graph.systemOf[node]);
  if (graph.domainOf[node] >= 0)
    placement.domains.add(refOf(graph.domainOf[node]));
  for (const whole of graph.out('partOf', node)) {
    if (graph.kinds[whole] === 'System') systems.add(whole);
    if (graph.kinds[whole] === 'Domain') placement.domains.add(refOf(whole));
  }
  for (const system of systems) {
    placement.systems.add(refOf(system));
    if (graph.domainOf[system] >= 0) {
      placement.domains.add(refOf(graph.domainOf[system]));
    }
    for (const whole of graph.out('partOf', system)) {
      if (graph.kinds[whole] === 'Domain') placement.domains.add(refOf(whole));
    }
  }
  const owner = graph.owners[node];
  if (owner?.startsWith('group:')) placement.groups.add(owner);
  for (const group of graph.out('ownedBy', node)) {
    if (graph.kinds[group] === 'Group') placement.groups.add(refOf(group));
  }
}

/**
 * Whether a freeze scope covers an entity: everything, the entity itself, a
 * system or domain it is part of, or a group that owns it.
 *
 * @public
 */
export function scopeCovers(
  scope: FreezeScope,
  placement: EntityPlacement,
): boolean {
  return (
    scope.all ||
    scope.entities.includes(placement.entityRef) ||
    scope.systems.some(ref => placement.systems.has(ref)) ||
    scope.domains.some(ref => placement.domains.has(ref)) ||
    scope.groups.some(ref => placement.groups.has(ref))
  );
}

/**
 * The placements a scope covers, in their order: what filtering them with
 * `scopeCovers` gives, answered from an index of the placements by entity,
 * system, domain and group, so that many freezes can be matched against many
 * entities without testing every pair.
 *
 * @public
 */
export function coveredBy(
  placements: EntityPlacement[],
): (scope: FreezeScope) => EntityPlacement[] {
  const index = new Map<string, number[]>();
  const add = (key: string, i: number) => {
    const list = index.get(key);
    if (list) list.push(i);
    else index.set(key, [i]);
  };
  placements.forEach((placement, i) => {
    add(`entity|${placement.entityRef}`, i);
    placement.systems.forEach(ref => add(`system|${ref}`, i));
    placement.domains.forEach(ref => add(`domain|${ref}`, i));
    placement.groups.forEach(ref => add(`group|${ref}`, i));
  });
  return scope => {
    if (scope.all) return placements;
    const found = new Set<number>();
    const collect = (kind: string, refs: string[]) => {
      for (const ref of refs) {
        for (const i of index.get(`${kind}|${ref}`) ?? []) found.add(i);
      }
    };
    collect('entity', scope.entities);
    collect('system', scope.systems);
    collect('domain', scope.domains);
    collect('group', scope.groups);
    return [...found].sort((a, b) => a - b).map(i => placements[i]);
  };
}

/** The positions of scoped items by each ref of their scopes, and those that cover everything. */
type ScopeIndex = {
  all: number[];
  byRef: Record<
    'entities' | 'systems' | 'domains' | 'groups',
    Map<string, number[]>
  >;
};

/** The index of each list of scoped items, made once per list (a kept list is indexed once). */
const scopeIndexes = new WeakMap<
  readonly { scope: FreezeScope }[],
  ScopeIndex
>();

function scopeIndexOf(items: readonly { scope: FreezeScope }[]): ScopeIndex {
  const known = scopeIndexes.get(items);
  if (known) return known;
  const index: ScopeIndex = {
    all: [],
    byRef: {
      entities: new Map(),
      systems: new Map(),
      domains: new Map(),
      groups: new Map(),
    },
  };
  items.forEach(({ scope }, i) => {
    if (scope.all) {
      index.all.push(i);
      return;
    }
    for (const field of ['entities', 'systems', 'domains', 'groups'] as const) {
      for (const ref of scope[field]) {
        const positions = index.byRef[field].get(ref);
        if (positions) positions.push(i);
        else index.byRef[field].set(ref, [i]);
      }
    }
  });
  scopeIndexes.set(items, index);
  return index;
}

/**
 * The items whose scope covers the placement, in their order: what
 * filtering them with `scopeCovers` gives, answered from an index of their
 * scopes by ref, made once per list of items.
 *
 * @public
 */
export function coveringItems<T extends { scope: FreezeScope }>(
  items: readonly T[],
  placement: EntityPlacement,
): T[] {
  const { all, byRef } = scopeIndexOf(items);
  const found = new Set(all);
  const collect = (positions: number[] | undefined) =>
    positions?.forEach(i => found.add(i));
  collect(byRef.entities.get(placement.entityRef));
  placement.systems.forEach(ref => collect(byRef.systems.get(ref)));
  placement.domains.forEach(ref => collect(byRef.domains.get(ref)));
  placement.groups.forEach(ref => collect(byRef.groups.get(ref)));
  return [...found].sort((a, b) => a - b).map(i => items[i]);
}
