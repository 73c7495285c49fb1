import { DependencyGraphData } from '../conflicts/DependencyGraph';
import { CatalogGraph } from './CatalogGraph';

/**
 * The conflict detector's dependency graph data from the catalog graph, so
 * that `ConflictService` can use this graph instead of reading the catalog
 * itself: `dependsOn` edges, and a consumer of an API depends on the API and
 * on every entity that provides it; each entity's system.
 */
export function toDependencyGraphData(
  graph: CatalogGraph,
): DependencyGraphData {
  const edges: [string, string][] = [];
  const systems: [string, string][] = [];
  const { refs } = graph;
  for (let node = 0; node < graph.size; node++) {
    for (const target of graph.out('dependsOn', node)) {
      edges.push([refs[node], refs[target]]);
    }
    for (const api of graph.out('consumesApi', node)) {
      edges.push([refs[node], refs[api]]);
      for (const provider of graph.in('providesApi', api)) {
        if (provider !== node) edges.push([refs[node], refs[provider]]);
      }
    }
    const system = graph.systemOf[node];
    if (system >= 0) systems.push([refs[node], refs[system]]);
  }
  return { edges, systems };
}
