import {
  DependencyGraph,
  MAX_DEPENDENCY_DEPTH,
  MAX_DEPENDENCY_NODES,
} from './DependencyGraph';

const ref = (name: string) => `component:default/${name}`;

describe('DependencyGraph', () => {
  it('reaches dependencies and dependents breadth-first, through cycles, each once', () => {
    const graph = new DependencyGraph({
      edges: [
        [ref('a'), ref('b')],
        [ref('a'), ref('c')],
        [ref('b'), ref('d')],
        [ref('c'), ref('d')],
        [ref('d'), ref('a')],
        [ref('e'), ref('e')],
      ],
      systems: [[ref('a'), 'system:default/s']],
    });
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
    const graph = new DependencyGraph({
      edges: [...chain, ...fan],
      systems: [],
    });
    expect(graph.dependenciesOf(ref('n0'))).toHaveLength(MAX_DEPENDENCY_DEPTH);
    const dependents = graph.dependentsOf(ref('hub'));
    // the bound counts the entity itself
    expect(dependents).toHaveLength(MAX_DEPENDENCY_NODES - 1);
    expect(dependents[0]).toBe(ref('leaf0'));
  });
});
