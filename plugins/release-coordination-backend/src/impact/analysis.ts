import { ReleaseChange } from '@internal/plugin-release-coordination-common';
import { CatalogGraph } from '../catalogGraph/CatalogGraph';
import { Traversal, traverseImpact } from '../catalogGraph/traverse';
import { RiskInput } from './assessRisk';

/** Kinds that group other entities; they are counted, not listed as dependents. */
export const WHOLE_KINDS = new Set(['System', 'Domain']);

/** A traversal of the graph for some changed entities, before anything is filtered. */
export interface Analysis {
  graph: CatalogGraph;
  /** Refs asked about, in order; some may not be in the graph (yet). */
  refs: string[];
  changed: number[];
  traversal: Traversal;
  breakingApis: Set<number>;
  maxDepth: number;
}

/** Traverses the graph from the changed refs, up to `maxDepth` hops. */
export function analyseImpact(
  graph: CatalogGraph,
  refs: string[],
  changes: ReleaseChange[],
  maxDepth: number,
): Analysis {
  const changed = refs.map(ref => graph.indexOf(ref)).filter(i => i >= 0);
  const breakingApis = breakingApisOf(graph, changed, changes);
  return {
    graph,
    refs,
    changed,
    traversal: traverseImpact(graph, changed, maxDepth, breakingApis),
    breakingApis,
    maxDepth,
  };
}

/** The APIs with a breaking change: named by a breaking item, provided by a named entity, or, for an item naming none, every API changed or provided by a changed entity. */
function breakingApisOf(
  graph: CatalogGraph,
  changed: number[],
  changes: ReleaseChange[],
): Set<number> {
  const result = new Set<number>();
  const apisOf = (node: number) =>
    graph.kinds[node] === 'API' ? [node] : [...graph.out('providesApi', node)];
  for (const change of changes) {
    if (change.kind !== 'breaking') continue;
    const nodes = change.entityRef
      ? [graph.indexOf(change.entityRef)].filter(i => i >= 0)
      : changed;
    for (const node of nodes) apisOf(node).forEach(api => result.add(api));
  }
  return result;
}

/** The risk facts the graph gives, computed on the whole graph so that every viewer sees the same level. */
export function graphRiskInput(
  analysis: Analysis,
  changes: ReleaseChange[],
): RiskInput {
  const { graph, traversal } = analysis;
  const affected = [...traversal.reached.keys()];
  return {
    changes,
    dependentCount: affected.filter(
      node =>
        traversal.reached.get(node)!.depth > 0 &&
        !WHOLE_KINDS.has(graph.kinds[node]),
    ).length,
    tiers: affected.flatMap(node => graph.tierOf(node) ?? []),
    audiences: affected.flatMap(node => graph.audiences[node] ?? []),
    breakingApiTiers: [...analysis.breakingApis].map(api => graph.tierOf(api)),
  };
}

/** Every ref the report may show: the changed refs, what was reached, the APIs on the way, and their owners, systems and domains. */
export function candidateRefs(analysis: Analysis): string[] {
  const { graph, traversal } = analysis;
  const candidates = new Set<string>(analysis.refs);
  // each node with its owner, system and domain, which the report names
  // whatever the depth at which the traversal would reach them
  const add = (node: number) => {
    candidates.add(graph.refs[node]);
    const owner = graph.owners[node];
    if (owner) candidates.add(owner);
    for (const whole of [graph.systemOf[node], graph.domainOf[node]]) {
      if (whole >= 0) candidates.add(graph.refs[whole]);
    }
  };
  traversal.reached.forEach((step, node) => {
    add(node);
    if (step.api >= 0) add(step.api);
  });
  for (const [api, consumer] of traversal.apiConsumers) {
    add(api);
    add(consumer);
  }
  return [...candidates];
}
