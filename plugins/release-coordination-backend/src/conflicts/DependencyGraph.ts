import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * The catalog's dependency structure in a JSON form that can be cached:
 * direct edges "from depends on to" and the system of each entity.
 *
 * @public
 */
export interface DependencyGraphData {
  /** `[from, to]`: `from` depends on `to` (dependsOn, or consumes an API `to` provides or is). */
  edges: [string, string][];
  /** `[entity, system]`. */
  systems: [string, string][];
}

/** The catalog fields the graph needs, for a `fields` projection. */
export const GRAPH_ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.system',
  'relations',
];

/** How far and how wide a transitive lookup goes, bounding the work per entity. */
export const MAX_DEPENDENCY_DEPTH = 10;
export const MAX_DEPENDENCY_NODES = 1000;

const lower = (value: string) => value.toLocaleLowerCase('en-US');

/**
 * Builds the graph data from catalog entities (projected to
 * {@link GRAPH_ENTITY_FIELDS}): `dependsOn` relations are edges, and an
 * entity that consumes an API depends on the API and on every entity that
 * provides it.
 *
 * @public
 */
export function buildDependencyGraphData(
  entities: Entity[],
): DependencyGraphData {
  const edges: [string, string][] = [];
  const systems: [string, string][] = [];
  const consumers = new Map<string, string[]>();
  const providers = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string, value: string) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };

  for (const entity of entities) {
    const ref = lower(stringifyEntityRef(entity));
    const namespace = entity.metadata.namespace ?? 'default';
    const system = entity.spec?.system;
    let systemRef: string | undefined;
    if (typeof system === 'string' && system) {
      try {
        systemRef = lower(
          stringifyEntityRef(
            parseEntityRef(system, {
              defaultKind: 'system',
              defaultNamespace: namespace,
            }),
          ),
        );
      } catch {
        systemRef = undefined;
      }
    }
    for (const relation of entity.relations ?? []) {
      const target = lower(relation.targetRef);
      if (relation.type === 'dependsOn') edges.push([ref, target]);
      else if (relation.type === 'consumesApi') push(consumers, target, ref);
      else if (relation.type === 'providesApi') push(providers, target, ref);
      else if (
        relation.type === 'partOf' &&
        !systemRef &&
        target.startsWith('system:')
      ) {
        systemRef = target;
      }
    }
    if (systemRef) systems.push([ref, systemRef]);
  }
  for (const [api, apiConsumers] of consumers) {
    for (const consumer of apiConsumers) {
      edges.push([consumer, api]);
      for (const provider of providers.get(api) ?? []) {
        if (provider !== consumer) edges.push([consumer, provider]);
      }
    }
  }
  return { edges, systems };
}

/**
 * Transitive dependency lookups over {@link DependencyGraphData}, with bounded
 * breadth-first searches (cycles end where a node was seen), memoised per
 * entity. Entities are numbered, so a search walks arrays of numbers and
 * marks what it saw in a typed array rather than a set of refs.
 *
 * @public
 */
export class DependencyGraph {
  private readonly refs: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly forward: number[][] = [];
  private readonly backward: number[][] = [];
  private readonly systems: Map<string, string>;
  /** The search that last saw each entity (see `searches`). */
  private readonly seenBy: Uint32Array;
  private searches = 0;
  private readonly reachCache = new Map<string, string[]>();
  private readonly reachedByCache = new Map<string, string[]>();
  private readonly reachPositions = new Map<string, Map<string, number>>();
  private readonly reachedByPositions = new Map<string, Map<string, number>>();

  static empty(): DependencyGraph {
    return new DependencyGraph({ edges: [], systems: [] });
  }

  constructor(data: DependencyGraphData) {
    for (const [from, to] of data.edges) {
      if (from === to) continue;
      const [f, t] = [this.numberOf(from), this.numberOf(to)];
      this.forward[f].push(t);
      this.backward[t].push(f);
    }
    this.seenBy = new Uint32Array(this.refs.length);
    this.systems = new Map(data.systems);
  }

  /** The system an entity is part of. */
  systemOf(entityRef: string): string | undefined {
    return this.systems.get(entityRef);
  }

  /** Every entity this one depends on, directly or transitively (not itself). */
  dependenciesOf(entityRef: string): string[] {
    return this.reach(this.forward, this.reachCache, entityRef);
  }

  /** Every entity that depends on this one, directly or transitively (not itself). */
  dependentsOf(entityRef: string): string[] {
    return this.reach(this.backward, this.reachedByCache, entityRef);
  }

  /** The position of each entity in `dependenciesOf(entityRef)`. */
  dependencyPositions(entityRef: string): ReadonlyMap<string, number> {
    return positions(this.reachPositions, entityRef, () =>
      this.dependenciesOf(entityRef),
    );
  }

  /** The position of each entity in `dependentsOf(entityRef)`. */
  dependentPositions(entityRef: string): ReadonlyMap<string, number> {
    return positions(this.reachedByPositions, entityRef, () =>
      this.dependentsOf(entityRef),
    );
  }

  private numberOf(ref: string): number {
    let number = this.index.get(ref);
    if (number === undefined) {
      number = this.refs.length;
      this.index.set(ref, number);
      this.refs.push(ref);
      this.forward.push([]);
      this.backward.push([]);
    }
    return number;
  }

  /** The entities a bounded breadth-first search reaches, in order. */
  private reach(
    adjacency: number[][],
    cache: Map<string, string[]>,
    start: string,
  ): string[] {
    const cached = cache.get(start);
    if (cached) return cached;
    const result: string[] = [];
    const first = this.index.get(start);
    if (first !== undefined) {
      if (this.searches === 0xffffffff) {
        this.seenBy.fill(0);
        this.searches = 0;
      }
      const search = ++this.searches;
      const seenBy = this.seenBy;
      seenBy[first] = search;
      // `seen` counts the start, as the bound does
      let seen = 1;
      let frontier = [first];
      for (
        let depth = 0;
        depth < MAX_DEPENDENCY_DEPTH &&
        frontier.length > 0 &&
        seen < MAX_DEPENDENCY_NODES;
        depth++
      ) {
        const next: number[] = [];
        for (const node of frontier) {
          for (const neighbour of adjacency[node]) {
            if (seenBy[neighbour] === search || seen >= MAX_DEPENDENCY_NODES) {
              continue;
            }
            seenBy[neighbour] = search;
            seen++;
            next.push(neighbour);
            result.push(this.refs[neighbour]);
          }
        }
        frontier = next;
      }
    }
    cache.set(start, result);
    return result;
  }
}

function positions(
  cache: Map<string, Map<string, number>>,
  start: string,
  list: () => string[],
): Map<string, number> {
  let result = cache.get(start);
  if (!result) {
    result = new Map();
    const refs = list();
    for (let i = 0; i < refs.length; i++) result.set(refs[i], i);
    cache.set(start, result);
  }
  return result;
}
