import { ImpactVia } from '@internal/plugin-release-coordination-common';
import { CatalogGraph } from './CatalogGraph';

/** How a node was reached by {@link traverseImpact}. */
export interface Reached {
  depth: number;
  /** The node it was reached from (-1 for a changed node). */
  parent: number;
  via: ImpactVia;
  /** The API through which a consumer was reached from its provider (-1 none). */
  api: number;
  /** Consumes an API with a breaking change. */
  high: boolean;
}

/** The result of a bounded breadth-first search for what a change affects. */
export interface Traversal {
  /** Changed nodes (depth 0) and everything reached, in order of discovery. */
  reached: Map<number, Reached>;
  /** `[api, consumer]` for every API provided by (or being) a changed node. */
  apiConsumers: [number, number][];
  truncated: boolean;
}

/**
 * Everything affected by a change of the `changed` nodes, up to `maxDepth`
 * hops: entities that depend on a reached one (`dependsOn`), consumers of a
 * reached API or of an API a reached entity provides (`consumesApi`), and what
 * a reached entity is part of (`partOf`: component → system → domain). Each
 * node is reached once, at its smallest depth, so cycles end and every node
 * has one shortest path through its parents.
 */
export function traverseImpact(
  graph: CatalogGraph,
  changed: number[],
  maxDepth: number,
  breakingApis: Set<number>,
): Traversal {
  const reached = new Map<number, Reached>();
  const apiConsumers: [number, number][] = [];
  for (const node of changed) {
    reached.set(node, {
      depth: 0,
      parent: -1,
      via: 'dependsOn',
      api: -1,
      high: false,
    });
  }
  for (const node of changed) {
    const apis =
      graph.kinds[node] === 'API' ? [node] : graph.out('providesApi', node);
    for (const api of apis) {
      for (const consumer of graph.in('consumesApi', api)) {
        apiConsumers.push([api, consumer]);
      }
    }
  }

  const cut = { truncated: false };
  let frontier = [...changed];
  for (let depth = 0; frontier.length > 0; depth++) {
    const next: number[] = [];
    const visit = (node: number, parent: number, via: ImpactVia, api = -1) => {
      if (reached.has(node)) return;
      if (depth >= maxDepth) {
        cut.truncated = true;
        return;
      }
      reached.set(node, {
        depth: depth + 1,
        parent,
        via,
        api,
        high: api >= 0 && breakingApis.has(api),
      });
      next.push(node);
    };
    for (const node of frontier) {
      for (const dependent of graph.in('dependsOn', node)) {
        visit(dependent, node, 'dependsOn');
      }
      if (graph.kinds[node] === 'API') {
        for (const consumer of graph.in('consumesApi', node)) {
          visit(consumer, node, 'consumesApi', node);
        }
      }
      for (const api of graph.out('providesApi', node)) {
        for (const consumer of graph.in('consumesApi', api)) {
          visit(consumer, node, 'consumesApi', api);
        }
      }
      for (const whole of graph.out('partOf', node)) {
        visit(whole, node, 'partOf');
      }
    }
    if (depth >= maxDepth) break;
    frontier = next;
  }
  return { reached, apiConsumers, truncated: cut.truncated };
}

/** The refs from a changed node to this one, with the API a consumer was reached through. */
export function pathTo(
  graph: CatalogGraph,
  reached: Map<number, Reached>,
  node: number,
): string[] {
  const path: string[] = [];
  let current = node;
  while (current >= 0) {
    const step = reached.get(current)!;
    path.push(graph.refs[current]);
    if (step.api >= 0 && step.api !== step.parent) {
      path.push(graph.refs[step.api]);
    }
    current = step.parent;
  }
  return path.reverse();
}

/**
 * The inverse of {@link traverseImpact}: every node whose change would reach
 * one of `targets` within `maxDepth` hops, with the targets themselves. Each
 * hop undoes one of `traverseImpact`'s: what a node depends on, the APIs it
 * consumes and their providers, and its parts. So for every node `x`:
 * `x` is in `traverseImpact(graph, changed, d).reached` exactly when
 * `affectingOf(graph, [x], d)` contains one of `changed`.
 */
export function affectingOf(
  graph: CatalogGraph,
  targets: number[],
  maxDepth: number,
): Set<number> {
  const seen = new Set<number>(targets);
  let frontier = [...targets];
  for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
    const next: number[] = [];
    const visit = (node: number) => {
      if (seen.has(node)) return;
      seen.add(node);
      next.push(node);
    };
    for (const node of frontier) {
      graph.forEachOut('dependsOn', node, visit);
      for (const api of graph.out('consumesApi', node)) {
        if (graph.kinds[api] === 'API') visit(api);
        graph.in('providesApi', api).forEach(visit);
      }
      graph.in('partOf', node).forEach(visit);
    }
    frontier = next;
  }
  return seen;
}

/** The node and everything that is part of it, transitively (domain → systems → components → subcomponents). */
export function withParts(graph: CatalogGraph, start: number): Set<number> {
  const seen = new Set<number>([start]);
  const stack = [start];
  while (stack.length > 0) {
    for (const part of graph.in('partOf', stack.pop()!)) {
      if (!seen.has(part)) {
        seen.add(part);
        stack.push(part);
      }
    }
  }
  return seen;
}
