import { CatalogGraph } from './CatalogGraph';
import {
  DependencyGraph,
  MAX_DEPENDENCY_DEPTH,
  MAX_DEPENDENCY_NODES,
} from './DependencyGraph';
import { testEntity } from './testCatalog';

const ref = (name: string) => `component:default/${name}`;

/** The dependency view of a catalog with a component per ref and `dependsOn` edges. */
function dependencies(
  edges: [string, string][],
  systems: [string, string][] = [],
): DependencyGraph {
  const refs = new Set(edges.flat());
  systems.forEach(([entity, system]) => refs.add(entity).add(system));
  return DependencyGraph.of(
    CatalogGraph.build(
      [...refs].map(r =>
        testEntity(r, {
          spec: Object.fromEntries(
            systems.filter(([e]) => e === r).map(([, s]) => ['system', s]),
          ),
          relations: edges
            .filter(([from]) => from === r)
            .map(([, to]) => ['dependsOn', to]),
        }),
      ),
    ),
  );
}

describe('DependencyGraph', () => {
  it('reaches dependencies and dependents breadth-first, through cycles, each once', () => {
    const graph = dependencies(
      [
        [ref('a'), ref('b')],
        [ref('a'), ref('c')],
        [ref('b'), ref('d')],
        [ref('c'), ref('d')],
        [ref('d'), ref('a')],
        [ref('e'), ref('e')],
      ],
      [[ref('a'), 'system:default/s']],
    );
    expect(graph.dependenciesOf(ref('a'))).toEqual([
      ref('b'),
      ref('c'),
      ref('d'),
    ]);
    expect(graph.dependentsOf(ref('d'))).toEqual([
      ref('b'),
      ref('c'),
      ref('a'),
    ]);
    // searches one after the other do not see each other's marks
    expect(graph.dependenciesOf(ref('b'))).toEqual([
      ref('d'),
      ref('a'),
      ref('c'),
    ]);
    expect(graph.dependencyPositions(ref('b')).get(ref('c'))).toBe(2);
    expect(graph.dependenciesOf(ref('e'))).toEqual([]);
    expect(graph.dependenciesOf(ref('unknown'))).toEqual([]);
    expect(graph.systemOf(ref('a'))).toBe('system:default/s');
  });

  it('stops at the depth and node bounds', () => {
    const chain = Array.from({ length: MAX_DEPENDENCY_DEPTH + 5 }, (_, i) => [
      ref(`n${i}`),
      ref(`n${i + 1}`),
    ]) as [string, string][];
    const fan = Array.from({ length: MAX_DEPENDENCY_NODES + 5 }, (_, i) => [
      ref(`leaf${i}`),
      ref('hub'),
    ]) as [string, string][];
    const graph = dependencies([...chain, ...fan]);
    expect(graph.dependenciesOf(ref('n0'))).toHaveLength(MAX_DEPENDENCY_DEPTH);
    const dependents = graph.dependentsOf(ref('hub'));
    // the bound counts the entity itself
    expect(dependents).toHaveLength(MAX_DEPENDENCY_NODES - 1);
    expect(dependents[0]).toBe(ref('leaf0'));
  });

  it('makes a consumer of an API depend on the API and on every provider of it', () => {
    const graph = DependencyGraph.of(
      CatalogGraph.build([
        testEntity('system:default/pay'),
        testEntity('component:default/ledger', {
          spec: { system: 'pay' },
          relations: [['providesApi', 'api:default/ledger-api']],
        }),
        testEntity('api:default/ledger-api'),
        testEntity('component:default/shop', {
          relations: [
            ['consumesApi', 'api:default/ledger-api'],
            ['dependsOn', 'resource:default/db'],
          ],
        }),
        testEntity('resource:default/db'),
      ]),
    );
    expect(graph.dependenciesOf('component:default/shop').sort()).toEqual([
      'api:default/ledger-api',
      'component:default/ledger',
      'resource:default/db',
    ]);
    expect(graph.dependentsOf('component:default/ledger')).toEqual([
      'component:default/shop',
    ]);
    expect(graph.systemOf('component:default/ledger')).toBe(
      'system:default/pay',
    );
  });
});
