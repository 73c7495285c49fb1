import {
  ImpactEntity,
  ImpactGraphEdge,
  ImpactGraphNode,
  ImpactGraphRelation,
  ImpactReport,
} from '@internal/plugin-release-coordination-common';
import { CatalogGraph, Rel } from '../../catalogGraph/CatalogGraph';
import { Analysis } from '../analysis';

const EDGE_RELATIONS: [Rel, ImpactGraphRelation][] = [
  ['dependsOn', 'dependsOn'],
  ['consumesApi', 'consumesApi'],
  ['providesApi', 'providesApi'],
  ['partOf', 'partOf'],
];

/** The graph of what is shown and its context; edges give their ends by position in `nodes`. */
export function buildImpactGraph(
  graph: CatalogGraph,
  analysis: Analysis,
  shown: Set<number>,
  visible: Set<string>,
  entity: (node: number) => ImpactEntity,
): ImpactReport['graph'] {
  const { reached, apiConsumers } = analysis.traversal;
  const nodes: ImpactGraphNode[] = [];
  /** Graph node index → position in `nodes`, and back (a map: a few hundred nodes of a catalog of any size). */
  const position = new Map<number, number>();
  const order: number[] = [];
  const addNode = (
    node: number,
    depth: number,
    role: ImpactGraphNode['role'],
  ) => {
    if (position.has(node) || !visible.has(graph.refs[node])) return;
    const { entityRef, kind, name, title, owner, system, lifecycle } =
      entity(node);
    const graphNode: ImpactGraphNode = {
      id: entityRef,
      kind,
      name,
      depth,
      role,
    };
    if (title !== undefined) graphNode.title = title;
    if (owner !== undefined) graphNode.owner = owner;
    if (system !== undefined) graphNode.system = system;
    if (lifecycle !== undefined) graphNode.lifecycle = lifecycle;
    position.set(node, nodes.length);
    order.push(node);
    nodes.push(graphNode);
  };
  shown.forEach(node => {
    const step = reached.get(node)!;
    if (step.depth === 0) addNode(node, 0, 'changed');
    else
      addNode(
        node,
        step.depth,
        step.via === 'consumesApi' ? 'consumer' : 'dependent',
      );
  });
  shown.forEach(node => {
    const step = reached.get(node)!;
    if (step.api >= 0)
      addNode(step.api, Math.max(0, step.depth - 1), 'context');
  });
  for (const [api] of apiConsumers) addNode(api, 0, 'context');
  const entitiesAndApis = nodes.length;
  for (let i = 0; i < entitiesAndApis; i++) {
    const owner = graph.owners[order[i]];
    const ownerNode = owner ? graph.indexOf(owner) : -1;
    if (ownerNode >= 0) addNode(ownerNode, nodes[i].depth, 'context');
  }

  // ownedBy edges are the nodes' owners (impactGraphEdges)
  const edges: ImpactGraphEdge[] = [];
  let from = 0;
  // one visitor per relation, not one per node and relation
  const visitors = EDGE_RELATIONS.map(
    ([rel, relation]) =>
      [
        rel,
        (target: number) => {
          const to = position.get(target);
          if (to !== undefined) edges.push({ from, to, relation });
        },
      ] as const,
  );
  for (from = 0; from < order.length; from++) {
    for (const [rel, visit] of visitors)
      graph.forEachOut(rel, order[from], visit);
  }
  return { nodes, edges };
}
