import {
  ImpactGraphLink,
  ImpactGraphNode,
  ImpactGraphRelation,
  ImpactReport,
  ImpactGraphRole,
  impactGraphEdges,
} from '@internal/plugin-release-coordination-common';

/** Every relation of the impact graph, in the order of the filters. */
export const IMPACT_RELATIONS: ImpactGraphRelation[] = [
  'dependsOn',
  'consumesApi',
  'providesApi',
  'partOf',
  'ownedBy',
];

/** A relation in words. */
export const RELATION_LABELS: Record<ImpactGraphRelation, string> = {
  dependsOn: 'depends on',
  consumesApi: 'consumes API',
  providesApi: 'provides API',
  partOf: 'part of',
  ownedBy: 'owned by',
};

/** What the graph shows. */
export interface GraphFilters {
  relations: ImpactGraphRelation[];
  maxDepth: number;
  /** Only nodes of this owner (changed entities stay). */
  owner?: string;
  /** Only nodes of this lifecycle (changed entities stay). */
  lifecycle?: string;
  /** A system's nodes become one node with their count. */
  collapseSystems: boolean;
}

/** The choices the graph's filters offer: depths up to the deepest, owners and lifecycles, sorted. */
export interface GraphFilterOptions {
  deepest: number;
  owners: string[];
  lifecycles: string[];
}

/** The filter choices a graph offers; at least depth 1. */
export function graphFilterOptions(
  graph: ImpactReport['graph'],
): GraphFilterOptions {
  const distinct = (values: (string | undefined)[]) =>
    [...new Set(values.flatMap(v => (v ? [v] : [])))].sort();
  return {
    deepest: graph.nodes.reduce((max, n) => Math.max(max, n.depth), 1),
    owners: distinct(graph.nodes.map(n => n.owner)),
    lifecycles: distinct(graph.nodes.map(n => n.lifecycle)),
  };
}

/** The relations with one switched on or off, kept in the order of the filters. */
export function toggleRelation(
  relations: ImpactGraphRelation[],
  relation: ImpactGraphRelation,
): ImpactGraphRelation[] {
  return relations.includes(relation)
    ? relations.filter(r => r !== relation)
    : IMPACT_RELATIONS.filter(r => r === relation || relations.includes(r));
}

/** A node as drawn: an entity, or a collapsed system with its count. */
export interface ViewNode {
  id: string;
  label: string;
  kind: string;
  role: ImpactGraphRole;
  depth: number;
  owner?: string;
  system?: string;
  lifecycle?: string;
  /** The entity page's ref; for a collapsed system, the system. */
  entityRef?: string;
  /** How many entities a collapsed system stands for. */
  count?: number;
}

/** An edge as drawn. */
export interface ViewEdge {
  id: string;
  from: string;
  to: string;
  relation: ImpactGraphRelation;
}

/** The visible part of the graph. */
export interface GraphView {
  nodes: ViewNode[];
  edges: ViewEdge[];
}

const ROLE_RANK: Record<ImpactGraphRole, number> = {
  changed: 0,
  dependent: 1,
  consumer: 2,
  context: 3,
};

function toViewNode(node: ImpactGraphNode): ViewNode {
  return {
    id: node.id,
    label: node.title || node.name,
    kind: node.kind,
    role: node.role,
    depth: node.depth,
    owner: node.owner,
    system: node.system,
    lifecycle: node.lifecycle,
    entityRef: node.id,
  };
}

function nameOfRef(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/** The nodes and edges the filters let through, systems collapsed when asked. */
export function filterGraph(
  graph: ImpactReport['graph'],
  filters: GraphFilters,
): GraphView {
  const kept = new Map<string, ViewNode>();
  for (const node of graph.nodes) {
    const changed = node.role === 'changed';
    if (!changed && node.depth > filters.maxDepth) continue;
    if (!changed && filters.owner && node.owner !== filters.owner) continue;
    if (!changed && filters.lifecycle && node.lifecycle !== filters.lifecycle) {
      continue;
    }
    kept.set(node.id, toViewNode(node));
  }
  const relations = new Set(filters.relations);
  const edges = impactGraphEdges(graph).filter(
    e => relations.has(e.relation) && kept.has(e.from) && kept.has(e.to),
  );
  const view = { nodes: [...kept.values()], edges: edges.map(toViewEdge) };
  return filters.collapseSystems ? collapseBySystem(view) : view;
}

function toViewEdge(edge: ImpactGraphLink) {
  return { ...edge, id: `${edge.from}|${edge.to}|${edge.relation}` };
}

/**
 * Makes the nodes of each system one node with their count, at the smallest
 * depth of its members; changed entities stay apart. Edges follow their ends;
 * those inside a system and duplicates go.
 */
export function collapseBySystem(view: GraphView): GraphView {
  const groupOf = new Map<string, string>();
  const groups = new Map<string, ViewNode>();
  const nodes: ViewNode[] = [];
  for (const node of view.nodes) {
    const system =
      node.kind.toLocaleLowerCase('en-US') === 'system' ? node.id : node.system;
    if (node.role === 'changed' || !system) {
      nodes.push(node);
      continue;
    }
    const id = `collapsed:${system}`;
    groupOf.set(node.id, id);
    const group = groups.get(id);
    if (!group) {
      const created: ViewNode = {
        id,
        label: nameOfRef(system),
        kind: 'system',
        role: node.role,
        depth: node.depth,
        system,
        entityRef: system,
        count: 1,
      };
      groups.set(id, created);
      nodes.push(created);
    } else {
      group.count! += 1;
      group.depth = Math.min(group.depth, node.depth);
      if (ROLE_RANK[node.role] < ROLE_RANK[group.role]) group.role = node.role;
    }
  }
  const seen = new Set<string>();
  const edges: ViewEdge[] = [];
  for (const edge of view.edges) {
    const from = groupOf.get(edge.from) ?? edge.from;
    const to = groupOf.get(edge.to) ?? edge.to;
    if (from === to) continue;
    const collapsed = toViewEdge({ from, to, relation: edge.relation });
    if (seen.has(collapsed.id)) continue;
    seen.add(collapsed.id);
    edges.push(collapsed);
  }
  return { nodes, edges };
}

/** Geometry of the layered layout. */
export const LAYOUT = {
  /** The narrowest column: its label has room for about 24 characters at 12 px. */
  minColumnWidth: 180,
  rowHeight: 24,
  /** Rows of one column before a depth spills into another. */
  maxRows: 40,
  margin: 16,
};

/** Where each node sits, and the size of the drawing. */
export interface GraphLayout {
  positions: Map<string, { x: number; y: number }>;
  width: number;
  height: number;
  /** The width of every column: a node and its label. */
  columnWidth: number;
  /** The x of the first column of each depth, for the headings. */
  depthColumns: Array<{ depth: number; x: number }>;
}

/**
 * The column a node is drawn in: its depth, except that context at depth 0
 * (the owners and APIs of the changed entities) sits one hop out, so the
 * "Changed" column holds only what the release changes.
 */
const columnDepth = (node: ViewNode) =>
  node.depth === 0 && node.role === 'context' ? 1 : node.depth;

/**
 * Columns by depth (a depth with more than `maxRows` nodes takes several),
 * rows sorted by system, owner and label. The columns share `width` (the
 * space available, 0 when unknown) but are never narrower than
 * `minColumnWidth`: the drawing is wider than `width` only when they cannot fit.
 */
export function layoutGraph(view: GraphView, width = 0): GraphLayout {
  const byDepth = new Map<number, ViewNode[]>();
  for (const node of view.nodes) {
    const depth = columnDepth(node);
    const list = byDepth.get(depth) ?? [];
    list.push(node);
    byDepth.set(depth, list);
  }
  const { minColumnWidth, rowHeight, maxRows, margin } = LAYOUT;
  const depths = [...byDepth.keys()].sort((a, b) => a - b);
  const columns = Math.max(
    depths.reduce(
      (sum, depth) => sum + Math.ceil(byDepth.get(depth)!.length / maxRows),
      0,
    ),
    1,
  );
  const columnWidth = Math.max(
    minColumnWidth,
    Math.floor((width - margin * 2) / columns),
  );
  const positions = new Map<string, { x: number; y: number }>();
  const depthColumns: GraphLayout['depthColumns'] = [];
  let column = 0;
  let rows = 0;
  for (const depth of depths) {
    const list = byDepth.get(depth)!;
    list.sort(
      (a, b) =>
        (a.system ?? '~').localeCompare(b.system ?? '~') ||
        (a.owner ?? '~').localeCompare(b.owner ?? '~') ||
        a.label.localeCompare(b.label),
    );
    const first = column;
    depthColumns.push({ depth, x: margin + first * columnWidth });
    list.forEach((node, index) => {
      const sub = Math.floor(index / maxRows);
      const row = index % maxRows;
      positions.set(node.id, {
        x: margin + (first + sub) * columnWidth,
        y: margin + rowHeight + row * rowHeight,
      });
    });
    column += Math.ceil(list.length / maxRows);
    rows = Math.max(rows, Math.min(list.length, maxRows));
  }
  return {
    positions,
    depthColumns,
    columnWidth,
    width: margin * 2 + columns * columnWidth,
    height: margin * 2 + (rows + 1) * rowHeight,
  };
}

/**
 * For each node, the neighbour one step closer to a changed entity (breadth
 * first from the changed entities, in either direction of the edges).
 */
export function parentsTowardsChanged(view: GraphView): Map<string, string> {
  const neighbours = new Map<string, string[]>();
  const add = (a: string, b: string) => {
    const list = neighbours.get(a);
    if (list) list.push(b);
    else neighbours.set(a, [b]);
  };
  for (const edge of view.edges) {
    add(edge.from, edge.to);
    add(edge.to, edge.from);
  }
  const parents = new Map<string, string>();
  const visited = new Set<string>();
  const queue: string[] = [];
  for (const node of view.nodes) {
    if (node.role === 'changed') {
      visited.add(node.id);
      queue.push(node.id);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    for (const next of neighbours.get(id) ?? []) {
      if (!visited.has(next)) {
        visited.add(next);
        parents.set(next, id);
        queue.push(next);
      }
    }
  }
  return parents;
}

/** The ids of the nodes from `id` back to a changed entity, `id` first. */
export function pathToChanged(
  parents: Map<string, string>,
  id: string,
): string[] {
  const path = [id];
  let current = parents.get(id);
  while (current !== undefined && path.length <= parents.size + 1) {
    path.push(current);
    current = parents.get(current);
  }
  return path;
}
