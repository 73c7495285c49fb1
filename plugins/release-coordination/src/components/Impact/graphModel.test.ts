import { generateImpactGraph } from '../../__fixtures__/impactFixtures';
import {
  collapseBySystem,
  filterGraph,
  GraphFilters,
  graphFilterOptions,
  GraphView,
  IMPACT_RELATIONS,
  layoutGraph,
  LAYOUT,
  parentsTowardsChanged,
  pathToChanged,
  toggleRelation,
  ViewNode,
} from './graphModel';

const all: GraphFilters = {
  relations: IMPACT_RELATIONS,
  maxDepth: 10,
  collapseSystems: false,
};

/** A view node of a given depth, its id as its label. */
const viewNode = (id: string, depth: number): ViewNode => ({
  id,
  label: id,
  kind: 'Component',
  role: 'dependent',
  depth,
  entityRef: `component:default/${id}`,
});

describe('graphModel', () => {
  const graph = generateImpactGraph(600);

  it('keeps everything without filters', () => {
    const view = filterGraph(graph, all);
    expect(view.nodes).toHaveLength(600);
    expect(view.edges).toHaveLength(graph.edges.length);
  });

  it('filters by depth, owner, lifecycle and relation, keeping changed entities', () => {
    expect(
      filterGraph(graph, { ...all, maxDepth: 1 }).nodes.every(
        n => n.depth <= 1,
      ),
    ).toBe(true);
    const owned = filterGraph(graph, { ...all, owner: 'group:default/team-1' });
    expect(
      owned.nodes.every(
        n => n.owner === 'group:default/team-1' || n.role === 'changed',
      ),
    ).toBe(true);
    expect(owned.nodes.some(n => n.role === 'changed')).toBe(true);
    const experimental = filterGraph(graph, {
      ...all,
      lifecycle: 'experimental',
    });
    expect(experimental.nodes.length).toBeLessThan(600);
    const noDeps = filterGraph(graph, { ...all, relations: ['consumesApi'] });
    expect(noDeps.edges.every(e => e.relation === 'consumesApi')).toBe(true);
    expect(noDeps.nodes).toHaveLength(600);
  });

  it('draws an ownedBy edge from a node to its owner when the owner is a node too', () => {
    const owned = {
      nodes: [
        {
          id: 'component:default/a',
          kind: 'Component',
          name: 'a',
          owner: 'group:default/team',
          depth: 0,
          role: 'changed' as const,
        },
        {
          id: 'component:default/b',
          kind: 'Component',
          name: 'b',
          owner: 'group:default/elsewhere',
          depth: 1,
          role: 'dependent' as const,
        },
        {
          id: 'group:default/team',
          kind: 'Group',
          name: 'team',
          depth: 0,
          role: 'context' as const,
        },
      ],
      edges: [],
    };
    expect(filterGraph(owned, all).edges).toEqual([
      {
        id: 'component:default/a|group:default/team|ownedBy',
        from: 'component:default/a',
        to: 'group:default/team',
        relation: 'ownedBy',
      },
    ]);
    expect(
      filterGraph(owned, { ...all, relations: ['dependsOn'] }).edges,
    ).toEqual([]);
  });

  it('collapses a system into one node with its count, without inner edges', () => {
    const view = collapseBySystem(filterGraph(graph, all));
    // 20 systems plus the changed entity.
    expect(view.nodes).toHaveLength(21);
    const counted = view.nodes.reduce((sum, n) => sum + (n.count ?? 1), 0);
    expect(counted).toBe(600);
    expect(view.edges.every(e => e.from !== e.to)).toBe(true);
    expect(new Set(view.edges.map(e => e.id)).size).toBe(view.edges.length);
    expect(
      view.nodes.find(n => n.id === 'collapsed:system:default/s3'),
    ).toMatchObject({
      kind: 'system',
      entityRef: 'system:default/s3',
      count: 30,
    });
  });

  it('lays columns out by depth, spilling long columns', () => {
    const view = filterGraph(graph, all);
    const layout = layoutGraph(view);
    expect(layout.positions.size).toBe(600);
    const xs = new Map<number, Set<number>>();
    for (const node of view.nodes) {
      const { x } = layout.positions.get(node.id)!;
      xs.set(node.depth, (xs.get(node.depth) ?? new Set()).add(x));
    }
    // Depth 1 has 120 nodes: three columns of 40.
    expect(xs.get(1)!.size).toBe(3);
    expect(Math.max(...xs.get(0)!)).toBeLessThan(Math.min(...xs.get(1)!));
    expect(layout.height).toBeLessThanOrEqual(
      LAYOUT.margin * 2 + (LAYOUT.maxRows + 1) * LAYOUT.rowHeight,
    );
  });

  it('keeps context out of the Changed column: it sits with depth 1', () => {
    const view: GraphView = {
      nodes: [
        { ...viewNode('changed', 0), role: 'changed' },
        { ...viewNode('owner', 0), role: 'context' },
        { ...viewNode('dependent', 1), role: 'dependent' },
      ],
      edges: [],
    };
    const { positions, depthColumns } = layoutGraph(view);
    const x = (id: string) => positions.get(id)!.x;
    expect(depthColumns.map(c => c.depth)).toEqual([0, 1]);
    expect(x('owner')).toBe(x('dependent'));
    expect(x('owner')).toBeGreaterThan(x('changed'));
  });

  it('spreads the columns over the width available, never below their minimum', () => {
    const view: GraphView = {
      nodes: [0, 1, 2, 3].map(depth => viewNode(`n${depth}`, depth)),
      edges: [],
    };
    const wide = layoutGraph(view, 1200);
    expect(wide.width).toBe(1200);
    expect(wide.columnWidth).toBe((1200 - LAYOUT.margin * 2) / 4);
    expect(wide.positions.get('n3')!.x + wide.columnWidth).toBe(
      1200 - LAYOUT.margin,
    );

    const narrow = layoutGraph(view, 400);
    expect(narrow.columnWidth).toBe(LAYOUT.minColumnWidth);
    expect(narrow.width).toBe(LAYOUT.margin * 2 + 4 * LAYOUT.minColumnWidth);
    expect(layoutGraph(view)).toEqual(narrow);
  });

  it('finds the path back to a changed entity', () => {
    const view = filterGraph(graph, all);
    const parents = parentsTowardsChanged(view);
    const path = pathToChanged(parents, 'component:default/c5');
    expect(path[0]).toBe('component:default/c5');
    expect(path[path.length - 1]).toBe('component:default/c0');
    expect(pathToChanged(parents, 'component:default/c0')).toEqual([
      'component:default/c0',
    ]);
  });

  it('survives cycles', () => {
    const view = filterGraph(
      {
        nodes: [
          {
            id: 'a',
            kind: 'component',
            name: 'a',
            depth: 0,
            role: 'changed',
          },
          {
            id: 'b',
            kind: 'component',
            name: 'b',
            depth: 1,
            role: 'dependent',
          },
          {
            id: 'c',
            kind: 'component',
            name: 'c',
            depth: 2,
            role: 'dependent',
          },
        ],
        edges: [
          { from: 1, to: 0, relation: 'dependsOn' },
          { from: 2, to: 1, relation: 'dependsOn' },
          { from: 1, to: 2, relation: 'dependsOn' },
          { from: 0, to: 2, relation: 'dependsOn' },
        ],
      },
      all,
    );
    const parents = parentsTowardsChanged(view);
    expect(pathToChanged(parents, 'c')).toEqual(['c', 'a']);
  });

  it('offers the owners and lifecycles present, sorted and once each, up to the deepest depth', () => {
    const node = (
      id: string,
      depth: number,
      owner?: string,
      lifecycle?: string,
    ) => ({
      id,
      kind: 'component',
      name: id,
      depth,
      role: 'dependent' as const,
      ...(owner && { owner }),
      ...(lifecycle && { lifecycle }),
    });
    const options = graphFilterOptions({
      nodes: [
        node('a', 0, 'group:default/b-team', 'production'),
        node('b', 3, 'group:default/a-team'),
        node('c', 2, 'group:default/b-team', 'experimental'),
      ],
      edges: [],
    });
    expect(options).toEqual({
      deepest: 3,
      owners: ['group:default/a-team', 'group:default/b-team'],
      lifecycles: ['experimental', 'production'],
    });
    expect(graphFilterOptions({ nodes: [node('a', 0)], edges: [] })).toEqual({
      deepest: 1,
      owners: [],
      lifecycles: [],
    });
  });

  it('switches a relation off, and back on in the order of the filters', () => {
    const without = toggleRelation(IMPACT_RELATIONS, 'consumesApi');
    expect(without).toEqual(['dependsOn', 'providesApi', 'partOf', 'ownedBy']);
    expect(toggleRelation(without, 'consumesApi')).toEqual(IMPACT_RELATIONS);
    expect(toggleRelation([], 'partOf')).toEqual(['partOf']);
  });
});
