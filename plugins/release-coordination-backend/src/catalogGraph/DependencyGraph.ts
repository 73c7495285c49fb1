import { Adjacency } from './Adjacency';
import { CatalogGraph } from './CatalogGraph';

/** How far and how wide a transitive lookup goes, bounding the work per entity. */
export const MAX_DEPENDENCY_DEPTH = 10;
export const MAX_DEPENDENCY_NODES = 1000;

const views = new WeakMap<CatalogGraph, DependencyGraph>();

/**
 * Transitive dependency lookups over the catalog graph, with bounded
 * breadth-first searches (cycles end where a node was seen), memoised per
 * entity for as long as the graph is current. An entity depends on what it
 * `dependsOn`, on the APIs it consumes and on every entity providing one.
 * A search walks the graph's node numbers and marks what it saw in a typed
 * array rather than a set of refs.
 *
 * @public
 */
export class DependencyGraph {
  private readonly graph: CatalogGraph;
  private readonly forward: Adjacency;
  private readonly backward: Adjacency;
  /** The search that last saw each entity (see `searches`). */
  private readonly seenBy: Uint32Array;
  private searches = 0;
  private readonly reachCache = new Map<string, string[]>();
  private readonly reachedByCache = new Map<string, string[]>();
  private readonly reachPositions = new Map<string, Map<string, number>>();
  private readonly reachedByPositions = new Map<string, Map<string, number>>();

  /** The dependency view of a graph, built once per graph. */
  static of(graph: CatalogGraph): DependencyGraph {
    let view = views.get(graph);
    if (!view) {
      view = new DependencyGraph(graph);
      views.set(graph, view);
    }
    return view;
  }

  static empty(): DependencyGraph {
    return DependencyGraph.of(CatalogGraph.build([]));
  }

  private constructor(graph: CatalogGraph) {
    this.graph = graph;
    // `[from, to, ...]` then both ways in compressed rows; a dependency met
    // twice (an API and its provider's own `dependsOn`) is listed twice, and
    // the search sees it once
    const pairs: number[] = [];
    const add = (from: number, to: number) => {
      if (from !== to) pairs.push(from, to);
    };
    for (let node = 0; node < graph.size; node++) {
      graph.forEachOut('dependsOn', node, target => add(node, target));
      graph.forEachOut('consumesApi', node, api => {
        add(node, api);
        graph.in('providesApi', api).forEach(provider => add(node, provider));
      });
    }
    this.forward = Adjacency.fromPairs(pairs, graph.size);
    this.backward = Adjacency.fromPairs(pairs, graph.size, true);
    this.seenBy = new Uint32Array(graph.size);
  }

  /** The system an entity is part of. */
  systemOf(entityRef: string): string | undefined {
    const system = this.graph.systemOf[this.graph.indexOf(entityRef)];
    return system === undefined || system < 0
      ? undefined
      : this.graph.refs[system];
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

  /** The entities a bounded breadth-first search reaches, in order. */
  private reach(
    adjacency: Adjacency,
    cache: Map<string, string[]>,
    start: string,
  ): string[] {
    const cached = cache.get(start);
    if (cached) return cached;
    const result: string[] = [];
    const first = this.graph.indexOf(start);
    if (first >= 0) {
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
          for (const neighbour of adjacency.of(node)) {
            if (seenBy[neighbour] === search || seen >= MAX_DEPENDENCY_NODES) {
              continue;
            }
            seenBy[neighbour] = search;
            seen++;
            next.push(neighbour);
            result.push(this.graph.refs[neighbour]);
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
